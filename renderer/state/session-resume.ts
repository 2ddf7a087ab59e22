// After a PIN or password unlocked the key on this workstation: is the server there, and does it
// still accept this person's session? Tells it about the unlock (audited) when it does.
import type { refresh as refreshFn, tellServer as tellServerFn } from '../app/auth-api';
import type { Session } from '../app/workspace';

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
