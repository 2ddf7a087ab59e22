// Keeping an open session's access token and roles current. A refused access token is renewed once
// with the refresh token sealed in the keyring (a refresh token works once: one renewal at a time,
// across windows), else the person is asked for their password; their roles are re-read after a
// renewal or an open; and a lock is put on record even when the access token expired meanwhile.
import type { Session } from '../../workspace/workspace';
import type { LockReason, SessionDeps, SessionState, SessionTools } from './session-deps';
import type { SessionEvent } from './session-machine';
import { PASSWORD_NEEDED_MESSAGE } from './session-messages';
import { renewAccessToken, type RenewDeps } from './session-resume';
import { saveSession } from './session-storage';
import { nextUser } from './session-user';

/** What the session store's flows share, changed in place by the store. */
export interface LiveSession {
  /** Bumped by every open, lock and sign-out: late answers for an older session are dropped. */
  epoch: number;
  /** The unlocked database key of the open workspace; dropped on lock and sign-out. */
  currentKey: string | null;
}

interface RenewalContext {
  live: LiveSession;
  get: () => SessionState;
  /** Moves the session machine and runs its effects (session.ts). */
  dispatch: (event: SessionEvent) => Promise<boolean>;
  deps: SessionDeps;
  tools: SessionTools;
}

export function sessionRenewal({ live, get, dispatch, deps, tools }: RenewalContext) {
  const { refresh, tellServer, fetchMe, keyring, withRefreshLock } = tools;
  const serverUrl = deps.host.serverUrl;
  let refreshing: Promise<void> | null = null;

  /** How a person's access token is renewed: their refresh token, sealed in the keyring under their key. */
  const renewalDeps = (session: Session, key: string): RenewDeps => ({
    serverUrl,
    refresh,
    storage: deps.storage,
    latestRefreshToken: () => keyring.refreshToken(session.user.id, key),
    keepRefreshToken: (token) => keyring.storeRefreshToken(session.user.id, key, token),
  });

  /** The server refused the access token: renew it once (refresh tokens work once), else ask for the password. */
  function onUnauthorized(forEpoch: number): void {
    if (forEpoch !== live.epoch || refreshing) return;
    const session = get().session;
    const key = live.currentKey;
    if (!session || !key) return;
    refreshing = withRefreshLock(async () => {
      const renewed = await renewAccessToken(session, renewalDeps(session, key));
      if (forEpoch !== live.epoch) return;
      if (renewed.kind === 'online') {
        void dispatch({ type: 'renewed', session: renewed.session });
        // The refusal may have followed an access change: re-read who the person is now.
        void refreshUser(forEpoch, false);
      } else if (renewed.kind === 'refused') {
        passwordNeeded(forEpoch);
      }
      // Unreachable: keep working offline; the next refused request tries again.
    })
      .catch(() => undefined)
      .finally(() => {
        refreshing = null;
      });
  }

  /**
   * Adopts the person's current roles and locations from the server (after the stream says they
   * changed, a token renewal or an open), so the board follows without a new sign-in. Offline or
   * refused: nothing changes. `renew`: a 401 renews the token once, which re-reads afterwards.
   */
  async function refreshUser(forEpoch: number, renew = true): Promise<void> {
    const session = get().session;
    if (forEpoch !== live.epoch || !session?.token) return;
    const answer = await fetchMe(serverUrl, session.token);
    const current = get().session;
    if (forEpoch !== live.epoch || !current) return;
    const next = nextUser(current.user, answer);
    if (next.kind === 'renew' && renew) return onUnauthorized(forEpoch);
    if (next.kind !== 'adopt') return;
    keyring.updateUser(next.user);
    await dispatch({ type: 'renewed', session: { ...current, user: next.user } });
  }

  /** The server no longer takes this session: back to sign-in with the username filled in; the replica (and its pending changes) stays. */
  function passwordNeeded(forEpoch: number): void {
    if (forEpoch !== live.epoch) return;
    const username = get().session?.user.username ?? null;
    void dispatch({ type: 'end', message: PASSWORD_NEEDED_MESSAGE, username });
  }

  /** Tells the server (audited); an expired access token is renewed first so the lock is on record. */
  async function recordLock(session: Session, key: string | null, reason: LockReason): Promise<void> {
    const forEpoch = live.epoch;
    if ((await tellServer(serverUrl, session.token, 'lock', { reason })) !== 'unauthorized' || !key) return;
    const renewed = await renewAccessToken(session, renewalDeps(session, key)).catch(() => null);
    if (renewed?.kind !== 'online') return;
    // Still locked for this person: the unlock starts from the renewed session.
    if (forEpoch === live.epoch && get().session?.user.id === session.user.id)
      await dispatch({ type: 'renewed', session: renewed.session });
    else saveSession(deps.storage, renewed.session);
    await tellServer(serverUrl, renewed.session.token, 'lock', { reason });
  }

  return { onUnauthorized, refreshUser, recordLock };
}
