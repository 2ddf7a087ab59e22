// The shape of `window.baton`, derived from the channel table so the preload's object and the
// renderer's expectations cannot drift apart (the preload declares `satisfies BatonBridge`).
import type { AnswerOf, ChannelKey, RequestOf } from './channels';
import type { WindowBootstrap } from './schemas';

export type BridgeCall<K extends ChannelKey> =
  RequestOf<K> extends undefined ? () => Promise<AnswerOf<K>> : (request: RequestOf<K>) => Promise<AnswerOf<K>>;

export type BatonBridge = { readonly [K in ChannelKey]: BridgeCall<K> } & {
  readonly bootstrap: WindowBootstrap;
};

/** The global the preload exposes through `contextBridge.exposeInMainWorld`. */
export const BRIDGE_GLOBAL = 'baton';

/** The `additionalArguments` entry carrying the window's bootstrap (base64url JSON). */
export const BOOTSTRAP_ARG_PREFIX = '--baton-bootstrap=';
