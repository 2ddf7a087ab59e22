// Binds the channel table to handlers: every call is checked for its sender and its payload before
// a handler runs, and every answer is checked before it leaves, so no handler sees unchecked input.
import type { z } from 'zod';
import { IPC_CHANNELS, type AnswerOf, type ChannelKey, type IpcChannels } from '../../shared/ipc/channels';
import { describeIssues } from '../config/json-file';
import { isTrustedSender, type FrameLike } from './sender';

export interface InvokeEventLike {
  senderFrame: FrameLike | null;
  /** The calling window's web contents (its id tells windows apart). */
  sender?: { id: number };
}

/** Who called: the window's web contents id (-1 where the event carries none). */
interface IpcCaller {
  windowId: number;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export type IpcHandlers = {
  [K in ChannelKey]: (request: z.output<IpcChannels[K]['request']>, caller: IpcCaller) => AnswerOf<K> | Promise<AnswerOf<K>>;
};

class IpcRefusal extends Error {
  override name = 'IpcRefusal';
}

export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: IpcHandlers, log: (line: string) => void = () => undefined): void {
  for (const key of Object.keys(IPC_CHANNELS) as ChannelKey[]) {
    const def = IPC_CHANNELS[key];
    const handler = handlers[key] as (request: unknown, caller: IpcCaller) => unknown;
    ipcMain.handle(def.name, async (event, ...args) => {
      if (!isTrustedSender(event.senderFrame)) {
        log(`IPC ${def.name} refused: sender ${event.senderFrame?.url ?? 'unknown'} is not the app`);
        throw new IpcRefusal(`${def.name}: refused, the caller is not a Baton page`);
      }
      if (args.length > 1) throw new IpcRefusal(`${def.name}: refused, expected one argument, got ${args.length}`);
      const request = def.request.safeParse(args[0]);
      // The message names fields and rules, never the values sent (they might hold PHI).
      if (!request.success) throw new IpcRefusal(`${def.name}: invalid request: ${describeIssues(request.error)}`);
      const answer = def.answer.safeParse(await handler(request.data, { windowId: event.sender?.id ?? -1 }));
      if (!answer.success) throw new Error(`${def.name}: the main process produced an invalid answer: ${describeIssues(answer.error)}`);
      return answer.data;
    });
  }
}
