// The server's view of a session kept on this workstation: after a PIN or password unlocked the
// key (is the server there, does it still take the session; tells it about the unlock, audited),
// and when it refuses an expired access token (renewal with the sealed refresh token).
import type { refresh as refreshFn, tellServer as tellServerFn } from './auth-api';
import type { Session } from '../../workspace/workspace';
import { loadSession } from './session-storage';

export type Resumed = { kind: 'online'; session: Session } | { kind: 'refused' } | { kind: 'unreachable' };

export interface ResumeDeps {
  serverUrl: string;
  refresh: typeof refreshFn;
  tellServer: typeof tellServerFn;
  /** A refresh token works once: the new one is kept at once (sealed in the keyring). */
  keepRefreshToken(token: string): Promise<void>;
}

export async function resumeOnServer(session: Session, method: 'pin' | 'password', deps: ResumeDeps): Promise<Resumed> {
  // Without an access token this still tells whether the server is there (it answers 401).
  const answer = await deps.tellServer(deps.serverUrl, session.token, 'unlock', { method });
  if (answer === 'ok') return { kind: 'online', session };
  if (answer === 'unreachable') return { kind: 'unreachable' };
  if (!session.refreshToken) return { kind: 'refused' };
  const outcome = await deps.refresh(deps.serverUrl, session.refreshToken);
  if (outcome.kind !== 'renewed') return outcome;
  const renewed: Session = { ...session, token: outcome.answer.token, refreshToken: outcome.answer.refreshToken };
  await deps.keepRefreshToken(outcome.answer.refreshToken);
  // The unlock is recorded best effort: the session is good either way.
  await deps.tellServer(deps.serverUrl, renewed.token, 'unlock', { method });
  return { kind: 'online', session: renewed };
}

export interface RenewDeps {
  serverUrl: string;
  refresh: typeof refreshFn;
  /** The latest refresh token (another window may have traded the one in memory). */
  latestRefreshToken(): Promise<string | undefined>;
  keepRefreshToken(token: string): Promise<void>;
  storage: Storage;
}

/** The server refused the access token: adopt one another window renewed, or trade the refresh token. */
export async function renewAccessToken(session: Session, deps: RenewDeps): Promise<Resumed> {
  const stored = loadSession(deps.storage);
  if (stored && stored.user.id === session.user.id && stored.token && stored.token !== session.token) {
    return { kind: 'online', session: { ...session, token: stored.token } };
  }
  const refreshToken = (await deps.latestRefreshToken()) ?? session.refreshToken;
  if (!refreshToken) return { kind: 'refused' };
  const outcome = await deps.refresh(deps.serverUrl, refreshToken);
  if (outcome.kind !== 'renewed') return outcome;
  await deps.keepRefreshToken(outcome.answer.refreshToken);
  return { kind: 'online', session: { ...session, token: outcome.answer.token, refreshToken: outcome.answer.refreshToken } };
}
