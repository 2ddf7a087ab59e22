// One person's keyring entry on this workstation, kept in localStorage under `baton.keyring.<userId>`.
// Everything read back is validated: storage is shared with anything else on the origin.
import { z } from 'zod';
import { PublicUser } from '../../shared/wire';
import { Sealed, Wrapped } from './crypto';

export const MAX_PIN_FAILURES = 5;

export const KeyringEntry = z.object({
  v: z.literal(1),
  user: PublicUser,
  /** ISO time of the last sign-in the server confirmed; bounds offline sign-in. */
  lastOnlineSignInAt: z.iso.datetime({ offset: true }),
  /** The database key wrapped by the password (PBKDF2 → AES-GCM). */
  byPassword: Wrapped,
  /** The database key wrapped by the PIN, once the person chose one. */
  byPin: Wrapped.optional(),
  /** The database key wrapped by the server's escrow secret (login's keySecret): survives a password reset. */
  byServer: Wrapped.optional(),
  /** Wrong PINs since the last good one; at MAX_PIN_FAILURES only the password works. */
  pinFailures: z.number().int().min(0).max(1000),
  /** The person was offered a PIN (asked once, after the first sign-in). */
  pinOffered: z.boolean(),
  /** The server refresh token, sealed under the database key. */
  refreshToken: Sealed.optional(),
  /** The last online sign-in was with a password an admin set: the app asks for the person's own. */
  passwordTemporary: z.boolean().optional(),
});
export type KeyringEntry = z.infer<typeof KeyringEntry>;

const PREFIX = 'baton.keyring.';

export const entryKey = (userId: string) => `${PREFIX}${userId}`;

export function readEntry(storage: Storage, userId: string): KeyringEntry | null {
  const raw = storage.getItem(entryKey(userId));
  if (!raw) return null;
  try {
    const parsed = KeyringEntry.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.user.id === userId ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeEntry(storage: Storage, entry: KeyringEntry): void {
  storage.setItem(entryKey(entry.user.id), JSON.stringify(KeyringEntry.parse(entry)));
}

export function allEntries(storage: Storage): KeyringEntry[] {
  const out: KeyringEntry[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const entry = readEntry(storage, key.slice(PREFIX.length));
    if (entry) out.push(entry);
  }
  return out.sort((a, b) => a.user.displayName.localeCompare(b.user.displayName));
}
