// Only our own pages may call the main process: the top frame of a page served from baton://app.
// (Node's URL gives custom schemes the origin "null", so compare scheme and host instead.)
import { APP_HOST, APP_SCHEME } from '../protocol/resolve-path';

export interface FrameLike {
  url: string;
  parent: unknown;
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isTrustedSender(frame: FrameLike | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
