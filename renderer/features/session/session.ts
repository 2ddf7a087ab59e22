// Who is signed in on this workstation, and their open workspace. A person signs in online with
// their password once; after that the keyring (renderer/keyring) lets them back in with a PIN or
// their password, offline too within the location's window, and the app locks and switches people.
import { create } from 'zustand';
import type { PublicUser } from '../../../shared/wire';
import { LoginError, type LoginAnswer } from './auth-api';
import { locationOf, type Session } from '../../workspace/workspace';
import { locationPolicy } from '../../keyring/location-policy';
import { forgetUnlockedKey, keepUnlockedKey, readUnlockedKey } from '../../keyring/unlocked-key';
import { workstationLocation } from '../../host/workstation-location';
import {
  NEVER_SIGNED_IN_HERE_MESSAGE,
  NO_PIN_MESSAGE,
  OPEN_FAILED_MESSAGE,
  PASSWORD_NEEDED_MESSAGE,
  KEYRING_FAILED_MESSAGE,
  PIN_BLOCKED_MESSAGE,
  WRONG_PASSWORD_MESSAGE,
  offlineWindowMessage,
  wrongPinMessage,
} from './session-messages';
import { sessionRenewal, type LiveSession } from './session-renewal';
import { resumeOnServer } from './session-resume';
import { clearSession, loadSession, saveSession } from './session-storage';
import { INITIAL_SESSION, transition, type SessionEvent } from './session-machine';
import { requestKey } from './window-link';
import { withDefaults, workstationProof, type SessionDeps, type SessionState } from './session-deps';

export function createSessionStore(deps: SessionDeps) {
  const tools = withDefaults(deps);
  const {
    login,
    refresh,
    logout,
    tellServer,
    wipeLocalData,
    forgetKeptDocuments,
    changePasswordOnServer,
    openWorkspace,
    keyring,
    link,
    tabStorage,
  } = tools;
  const serverUrl = deps.host.serverUrl;
  const live: LiveSession = { epoch: 0, currentKey: null };
  /** Signed in, waiting for the PIN choice before the board opens. */
  let pendingOpen: { session: Session; key: string; freshKey: boolean } | null = null;

  return create<SessionState>()((set, get) => {
    /** Moves the machine (session-machine.ts) and runs the effects the move asks for; false: not taken in this phase. */
    async function dispatch(event: SessionEvent): Promise<boolean> {
      const previous = get();
      const step = transition(previous, event);
      if (!step) return false;
      for (const effect of step.effects) {
        if (effect === 'save-session' && step.next.session) saveSession(deps.storage, step.next.session);
        else if (effect === 'clear-session') clearSession(deps.storage);
        else if (effect === 'tell-windows-locked' && previous.session) link.post({ t: 'locked', userId: previous.session.user.id });
        else if (effect === 'drop-workspace') {
          live.epoch++;
          live.currentKey = null;
          pendingOpen = null;
          forgetUnlockedKey(tabStorage);
        }
      }
      set(step.next);
      if (step.effects.includes('drop-workspace')) await previous.workspace?.close().catch(() => undefined);
      return true;
    }

    const { onUnauthorized, refreshUser, recordLock } = sessionRenewal({ live, get, dispatch, deps, tools });

    const offlineHoursFor = async (user: PublicUser) =>
      locationPolicy(deps.storage, locationOf(user, await workstationLocation(deps.host))).offlineSignInHours;

    const endLocally = (message: string | null, username: string | null = null) => dispatch({ type: 'end', message, username });

    /** `freshKey`: the key was just made, so a replica this workstation still has is unreadable and is replaced. */
    async function open(session: Session, key: string, freshKey = false, replaceReplica = false): Promise<void> {
      const mine = ++live.epoch;
      live.currentKey = key;
      keepUnlockedKey(tabStorage, session.user.id, key);
      await dispatch({ type: 'open', session, mustChangePassword: keyring.entry(session.user.id)?.passwordTemporary === true });
      try {
        const workspace = await openWorkspace(session, {
          serverUrl,
          getToken: () => get().session?.token ?? '',
          onUnauthorized: () => onUnauthorized(mine),
          onScopeChange: () => void refreshUser(mine),
          encryptionKey: key,
          replaceReplica,
        });
        if (mine !== live.epoch) {
          await workspace.close();
          return;
        }
        await dispatch({ type: 'opened', workspace });
        // Roles may have changed while this person was away (locked, offline): the keyring's copy is old.
        void refreshUser(mine);
        // Windows of this person waiting at the lock screen open too.
        link.post({ t: 'key-offer', userId: session.user.id, key });
      } catch (error) {
        if (mine !== live.epoch) return;
        if (freshKey && !replaceReplica && (error as Error | null)?.name === 'ReplicaKeyError') return open(session, key, true, true);
        await endLocally(OPEN_FAILED_MESSAGE);
      }
    }

    /** The server took the password: keep the key (or make it), offer a PIN once, open. */
    async function completeOnlineSignIn(answer: LoginAnswer, password: string): Promise<void> {
      const session: Session = { token: answer.token, refreshToken: answer.refreshToken, user: answer.user };
      const { key, entry, fresh } = await keyring.recordOnlineSignIn(
        answer.user,
        password,
        answer.refreshToken,
        answer.keySecret,
        answer.passwordTemporary === true,
      );
      await dispatch({ type: 'switch' });
      if (!entry.byPin && !entry.pinOffered) {
        pendingOpen = { session, key, freshKey: fresh };
        await dispatch({ type: 'offer-pin', session });
        return;
      }
      await open(session, key, fresh);
    }

    /** A password on the lock screen the keyring does not take: perhaps changed on the server. */
    async function unlockOnline(username: string, password: string): Promise<void> {
      let answer: LoginAnswer;
      try {
        answer = await login(serverUrl, { username, password, ...(await workstationProof(deps.host)) });
      } catch (error) {
        if (error instanceof LoginError && error.kind === 'revoked') return wipeRevoked(error.message);
        return failUnlock(error instanceof LoginError && error.kind !== 'unreachable' ? error.message : WRONG_PASSWORD_MESSAGE);
      }
      await completeOnlineSignIn(answer, password);
    }

    /** Revoked by an admin: nothing of anyone stays on this workstation, and no offline sign-in. */
    async function wipeRevoked(message: string): Promise<void> {
      await dispatch({ type: 'switch' });
      await wipeLocalData();
      await dispatch({ type: 'end', message });
    }

    /** Password sign-in while the server cannot be reached: the keyring checks it, within the window. */
    async function signInOffline(username: string, password: string): Promise<void> {
      const entry = keyring.findByUsername(username);
      if (!entry) return failUnlock(NEVER_SIGNED_IN_HERE_MESSAGE);
      const hours = await offlineHoursFor(entry.user);
      if (!keyring.withinOfflineWindow(entry, hours)) return failUnlock(offlineWindowMessage(hours));
      const unlocked = await keyring.unlockWithPassword(entry.user.id, password);
      if (!unlocked.ok) return failUnlock(WRONG_PASSWORD_MESSAGE);
      await dispatch({ type: 'switch' });
      await open(offlineSession(entry.user, await keyring.refreshToken(entry.user.id, unlocked.key)), unlocked.key);
    }

    /** Works on the replica; the stored refresh token renews the access token when the server is back. */
    function offlineSession(user: PublicUser, refreshToken: string | undefined): Session {
      const current = get().session;
      const token = current?.user.id === user.id ? current.token : '';
      return { token, refreshToken, user };
    }

    /** Restores the state a failed unlock leaves: the lock screen if locked, else sign-in. */
    function failUnlock(message: string): void {
      void dispatch({ type: 'refused', message });
    }

    // PIN or password from the keyring; then the server (if there) resumes the session, else the offline window applies.
    async function unlockWith(userId: string, secret: string, method: 'pin' | 'password'): Promise<void> {
      const entry = keyring.entry(userId);
      if (!entry) return failUnlock(NEVER_SIGNED_IN_HERE_MESSAGE);
      await dispatch({ type: 'unlock' });
      const unlocked = method === 'pin' ? await keyring.unlockWithPin(userId, secret) : await keyring.unlockWithPassword(userId, secret);
      if (!unlocked.ok) {
        // The password may have changed on the server since: let the server judge it.
        if (method === 'password') return unlockOnline(entry.user.username, secret);
        if (unlocked.reason === 'pin-blocked') return failUnlock(PIN_BLOCKED_MESSAGE);
        if (unlocked.reason === 'no-pin') return failUnlock(NO_PIN_MESSAGE);
        return failUnlock(wrongPinMessage(unlocked.attemptsLeft ?? 0));
      }
      const { key } = unlocked;
      const current = get().session;
      const samePerson = current?.user.id === userId;
      const refreshToken = (await keyring.refreshToken(userId, key)) ?? (samePerson ? current?.refreshToken : undefined);
      const candidate = offlineSession(entry.user, refreshToken);
      const resumed = await resumeOnServer(candidate, method, {
        serverUrl,
        refresh,
        tellServer,
        keepRefreshToken: (token) => keyring.storeRefreshToken(userId, key, token),
      });
      if (resumed.kind === 'refused') {
        if (method === 'password') return unlockOnline(entry.user.username, secret);
        if (!samePerson) return failUnlock(PASSWORD_NEEDED_MESSAGE);
        return void (await endLocally(PASSWORD_NEEDED_MESSAGE, entry.user.username));
      }
      if (resumed.kind === 'unreachable') {
        const hours = await offlineHoursFor(entry.user);
        if (!keyring.withinOfflineWindow(entry, hours)) return failUnlock(offlineWindowMessage(hours));
      }
      // Switching person: the previous one's sync stops and database closes first.
      if (!samePerson) await dispatch({ type: 'switch' });
      await open(resumed.kind === 'online' ? resumed.session : candidate, key);
    }

    link.subscribe((message) => {
      const { phase, session } = get();
      if (session?.user.id !== message.userId) return;
      if (message.t === 'key-request' && phase === 'ready' && live.currentKey) {
        link.post({ t: 'key-offer', userId: message.userId, key: live.currentKey });
      } else if (message.t === 'key-offer' && phase === 'locked') {
        // Unlocked in another window: this one opens too.
        void open(session, message.key);
      } else if (message.t === 'locked' && (phase === 'ready' || phase === 'opening')) {
        void lockLocally();
      } else if (message.t === 'signed-out' && phase !== 'signed-out') {
        void endLocally(null);
      }
    });

    /** Hides PHI at once: unmounts the board (workspace null), drops the key, stops sync, closes the database. */
    async function lockLocally(): Promise<{ session: Session; key: string | null } | null> {
      const { session } = get();
      if (!session) return null;
      const key = live.currentKey;
      await dispatch({ type: 'lock' });
      return { session, key };
    }

    return {
      ...INITIAL_SESSION,

      people: () => keyring.people(),

      async signIn(username, password) {
        if (!(await dispatch({ type: 'sign-in' }))) return;
        let answer: LoginAnswer;
        try {
          answer = await login(serverUrl, { username: username.trim(), password, ...(await workstationProof(deps.host)) });
        } catch (error) {
          if (error instanceof LoginError && error.kind === 'unreachable') return signInOffline(username, password);
          if (error instanceof LoginError && error.kind === 'revoked') return wipeRevoked(error.message);
          const message = error instanceof LoginError ? error.message : 'Sign-in failed. Please try again.';
          return failUnlock(message);
        }
        try {
          await completeOnlineSignIn(answer, password);
        } catch {
          // WebCrypto or storage refused (not a secure context, storage full): nothing opened.
          failUnlock(KEYRING_FAILED_MESSAGE);
        }
      },

      async choosePin(pin) {
        const pending = pendingOpen;
        if (!pending || get().phase !== 'choose-pin') return;
        if (pin === null) keyring.declinePin(pending.session.user.id);
        else {
          try {
            await keyring.setPin(pending.session.user.id, pending.key, pin);
          } catch (error) {
            await dispatch({ type: 'pin-refused', message: error instanceof Error ? error.message : 'That PIN cannot be used.' });
            return;
          }
        }
        pendingOpen = null;
        await open(pending.session, pending.key, pending.freshKey);
      },

      async setPin(pin) {
        const { session, phase } = get();
        if (phase !== 'ready' || !session || !live.currentKey) throw new Error('Unlock first.');
        await keyring.setPin(session.user.id, live.currentKey, pin);
      },

      async changePassword(currentPassword, newPassword) {
        const { session, phase } = get();
        const key = live.currentKey;
        if (phase !== 'ready' || !session || !key) throw new Error('Unlock first.');
        await changePasswordOnServer(serverUrl, session.token, { currentPassword, newPassword });
        // Offline sign-in and unlocking by password on this workstation take the new one from now on.
        await keyring.setPassword(session.user.id, key, newPassword);
        await dispatch({ type: 'password-changed' });
      },

      async unlock(userId, secret, method) {
        try {
          await unlockWith(userId, secret, method);
        } catch {
          failUnlock(KEYRING_FAILED_MESSAGE);
        }
      },

      async lock(reason) {
        if (get().phase !== 'ready') return;
        const locked = await lockLocally();
        if (!locked) return;
        link.post({ t: 'locked', userId: locked.session.user.id });
        void recordLock(locked.session, locked.key, reason);
      },

      async restore() {
        const session = loadSession(deps.storage);
        if (!session) return;
        const entry = keyring.entry(session.user.id);
        if (!entry) {
          // Signed in before this workstation kept a keyring: a password sign-in makes the entry.
          clearSession(deps.storage);
          return;
        }
        let key = readUnlockedKey(tabStorage, session.user.id);
        if (!key) {
          await dispatch({ type: 'await-key', session });
          key = await requestKey(link, session.user.id, deps.keyWaitMs ?? 400);
        }
        const refreshToken = key ? ((await keyring.refreshToken(session.user.id, key)) ?? session.refreshToken) : session.refreshToken;
        if (key) await open({ ...session, refreshToken }, key);
        else await dispatch({ type: 'lock' });
      },

      async signOut(message) {
        const { session } = get();
        const key = live.currentKey;
        await endLocally(message ?? null);
        if (!session) return;
        link.post({ t: 'signed-out', userId: session.user.id });
        // The sign-in is over: nothing on this workstation may renew it, and no document stays kept
        // (the views of kept copies made offline are sent first; the server ends the session after).
        if (key) await keyring.storeRefreshToken(session.user.id, key, undefined);
        await forgetKeptDocuments(session.user.id, session.token).catch(() => undefined);
        // Asked by the user: end the session on the server too. After a refusal there is nothing to end.
        if (!message) await logout(serverUrl, session.token, session.refreshToken);
      },
    };
  });
}

export type SessionStore = ReturnType<typeof createSessionStore>;
