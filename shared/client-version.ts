// Mixed versions: every request names the app's release, and a server can refuse releases older
// than the oldest it supports (426 client_too_old) instead of misreading what they send.
import { z } from 'zod';

export const CLIENT_VERSION_HEADER = 'x-baton-client-version';
export const Version = z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/, 'a release number such as 1.4.2');

/** Negative when `a` is older than `b`, 0 when equal, positive when newer (MAJOR.MINOR.PATCH). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** The 426 answer's body. */
export const ClientTooOld = z.object({ error: z.literal('client_too_old'), message: z.string(), minVersion: Version });
export type ClientTooOld = z.infer<typeof ClientTooOld>;
