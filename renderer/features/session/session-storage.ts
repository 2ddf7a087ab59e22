// The signed-in session kept across reloads, so a reload during an outage reopens the board.
import { z } from 'zod';
import { PublicUser } from '../../../shared/wire';
import type { Session } from '../../workspace/workspace';

const SESSION_KEY = 'baton.session';
const StoredSession = z.object({ token: z.string(), refreshToken: z.string().optional(), user: PublicUser });

export function loadSession(storage: Storage): Session | null {
  const raw = storage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const parsed = StoredSession.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The refresh token is not kept here in clear: the keyring keeps it sealed under the person's key. */
export function saveSession(storage: Storage, session: Session): void {
  storage.setItem(SESSION_KEY, JSON.stringify({ token: session.token, user: session.user }));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(SESSION_KEY);
}
