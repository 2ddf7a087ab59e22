// Who is signed in on this workstation, and their open workspace. A person signs in online with
// their password once; after that the keyring (renderer/keyring) lets them back in with a PIN or
// their password, offline too within the location's window, and the app locks and switches people.
import { create } from 'zustand';
import type { BatonHost } from '../../../shared/host';
import type { PublicUser } from '../../../shared/wire';
import {
  changePassword as defaultChangePassword,
  fetchMe as defaultFetchMe,
  login as defaultLogin,
  logout as defaultLogout,
  refresh as defaultRefresh,
  tellServer as defaultTellServer,
  LoginError,
  type LoginAnswer,
} from './auth-api';
import { locationOf, openWorkspace as defaultOpenWorkspace, type Session, type Workspace, type WorkspaceOptions } from '../../workspace/workspace';
import { createKeyring, type Keyring, type Person } from '../../keyring/keyring';
import { locationPolicy } from '../../keyring/location-policy';
import { memoryStorage } from '../../keyring/memory-storage';
import { forgetUnlockedKey, keepUnlockedKey, readUnlockedKey } from '../../keyring/unlocked-key';
import { wipeLocalReplicas } from '../../sync/revocation';
import { workstationLocation } from '../../host/workstation-location';
import {
  NEVER_SIGNED_IN_HERE_MESSAGE,
  NO_PIN_MESSAGE,
  OPEN_FAILED_MESSAGE,
  PASSWORD_NEEDED_MESSAGE,
  KEYRING_FAILED_MESSAGE,
  PIN_BLOCKED_MESSAGE,
  SESSION_ENDED_MESSAGE,
  WRONG_PASSWORD_MESSAGE,
  offlineWindowMessage,
  wrongPinMessage,
} from './session-messages';
import { renewAccessToken, resumeOnServer, type RenewDeps } from './session-resume';
import { clearSession, loadSession, saveSession } from './session-storage';
import { nextUser } from './session-user';
import { createWindowLink, requestKey, type WindowLink } from './window-link';

export { SESSION_ENDED_MESSAGE } from './session-messages';

/** `choose-pin`: signed in, offered a PIN before the board opens. `locked`: PHI hidden, key dropped. */
export type SessionPhase = 'signed-out' | 'signing-in' | 'choose-pin' | 'opening' | 'ready' | 'locked';
export type LockReason = 'manual' | 'inactivity';

export interface SessionState {
  phase: SessionPhase;
  /** Kept while locked (the lock screen shows the person's name); null when signed out. */
  session: Session | null;
  workspace: Workspace | null;
  /** Shown on the sign-in or lock screen: why the person is there (bad PIN, session expired...). */
  message: string | null;
  /** A PIN or password is being checked on the lock or sign-in screen. */
  busy: boolean;
  /** Fills the username field: the server wants this person's password. */
  username: string | null;
  /** The person signed in with a password an admin set: the app asks them to choose their own. */
  mustChangePassword: boolean;
  signIn(username: string, password: string): Promise<void>;
  /** After the first sign-in: a PIN for quick switching, or null for "not now". */
  choosePin(pin: string | null): Promise<void>;
  /** Sets or changes the signed-in person's PIN on this workstation (rejects with why not). */
  setPin(pin: string): Promise<void>;
  /** Changes the signed-in person's password on the server, then on this workstation's keyring (rejects with why not). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** PIN or password of someone in this workstation's keyring: unlocks, or switches to them. */
  unlock(userId: string, secret: string, method: 'pin' | 'password'): Promise<void>;
  lock(reason: LockReason): Promise<void>;
  /** Reopens this tab's session (reload), or shows it locked when the key is not at hand. */
  restore(): Promise<void>;
  signOut(message?: string): Promise<void>;
  /** People who signed in on this workstation before (the sign-in and lock screens list them). */
  people(): Person[];
}

export interface SessionDeps {
  host: BatonHost;
  storage: Storage;
  /** This tab's storage: keeps the unlocked key across a reload. */
  tabStorage?: Storage;
  keyring?: Keyring;
  link?: WindowLink;
  login?: typeof defaultLogin;
  refresh?: typeof defaultRefresh;
  logout?: typeof defaultLogout;
  tellServer?: typeof defaultTellServer;
  fetchMe?: typeof defaultFetchMe;
  changePassword?: typeof defaultChangePassword;
  openWorkspace?: (session: Session, options: WorkspaceOptions) => Promise<Workspace>;
  /** How long a new window waits for another window to hand it the key. */
  keyWaitMs?: number;
  /** Serialises token refreshes across windows (a refresh token works once). */
  withRefreshLock?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Removes every local replica and key entry (an admin revoked this workstation). */
  wipeLocalData?: () => Promise<unknown>;
}

/** The workstation's sign-in proof: its id, and the secret of its enrollment where IT enrolled it. */
async function workstationProof(host: BatonHost): Promise<{ workstationId: string; workstationSecret?: string }> {
  const config = await host.getWorkstationConfig?.().catch(() => undefined);
  return { workstationId: host.getWorkstationId(), ...(config?.workstationSecret ? { workstationSecret: config.workstationSecret } : {}) };
}

function browserRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('baton.refresh', work) as Promise<T>) : work();
}

export function createSessionStore(deps: SessionDeps) {
  const login = deps.login ?? defaultLogin;
  const refresh = deps.refresh ?? defaultRefresh;
  const logout = deps.logout ?? defaultLogout;
  const tellServer = deps.tellServer ?? defaultTellServer;
  const fetchMe = deps.fetchMe ?? defaultFetchMe;
  const wipeLocalData =
    deps.wipeLocalData ??
    (() => wipeLocalReplicas({ indexedDB: globalThis.indexedDB, storages: [deps.storage, ...(deps.tabStorage ? [deps.tabStorage] : [])] }));
  const changePasswordOnServer = deps.changePassword ?? defaultChangePassword;
  const openWorkspace = deps.openWorkspace ?? defaultOpenWorkspace;
  const keyring = deps.keyring ?? createKeyring({ storage: deps.storage });
  const link = deps.link ?? createWindowLink();
  const tabStorage = deps.tabStorage ?? memoryStorage();
  const withRefreshLock = deps.withRefreshLock ?? browserRefreshLock;
  const serverUrl = deps.host.serverUrl;
  /** Bumped by every open, lock and sign-out: late answers for an older session are dropped. */
  let epoch = 0;
  let refreshing: Promise<void> | null = null;
  /** The unlocked database key of the open workspace; dropped on lock and sign-out. */
  let currentKey: string | null = null;
  /** Signed in, waiting for the PIN choice before the board opens. */
  let pendingOpen: { session: Session; key: string; freshKey: boolean } | null = null;

  /** How a person's access token is renewed: their refresh token, sealed in the keyring under their key. */
  const renewalDeps = (session: Session, key: string): RenewDeps => ({
    serverUrl,
    refresh,
    storage: deps.storage,
    latestRefreshToken: () => keyring.refreshToken(session.user.id, key),
    keepRefreshToken: (token) => keyring.storeRefreshToken(session.user.id, key, token),
  });

  return create<SessionState>()((set, get) => {
    const offlineHoursFor = async (user: PublicUser) => locationPolicy(deps.storage, locationOf(user, await workstationLocation(deps.host))).offlineSignInHours;

    /** The server refused the access token: renew it once (refresh tokens work once), else ask for the password. */
    function onUnauthorized(forEpoch: number): void {
      if (forEpoch !== epoch || refreshing) return;
      const session = get().session;
      const key = currentKey;
      if (!session || !key) return;
      refreshing = withRefreshLock(async () => {
        const renewed = await renewAccessToken(session, renewalDeps(session, key));
        if (forEpoch !== epoch) return;
        if (renewed.kind === 'online') {
          saveSession(deps.storage, renewed.session);
          set({ session: renewed.session });
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
      if (forEpoch !== epoch || !session?.token) return;
      const answer = await fetchMe(serverUrl, session.token);
      const current = get().session;
      if (forEpoch !== epoch || !current) return;
      const next = nextUser(current.user, answer);
      if (next.kind === 'renew' && renew) return onUnauthorized(forEpoch);
      if (next.kind !== 'adopt') return;
      const updated: Session = { ...current, user: next.user };
      saveSession(deps.storage, updated);
      keyring.updateUser(next.user);
      set({ session: updated });
    }

    /** The server no longer takes this session: back to sign-in with the username filled in; the replica (and its pending changes) stays. */
    function passwordNeeded(forEpoch: number): void {
      if (forEpoch !== epoch) return;
      const username = get().session?.user.username ?? null;
      void endLocally(PASSWORD_NEEDED_MESSAGE, username);
    }

    /**
     * Unmounts and closes the open workspace (sync first, then the database) and drops its key; a new
     * epoch makes late answers for it land nowhere. `patch` is the state shown meanwhile.
     */
    async function dropWorkspace(patch: Partial<SessionState>): Promise<void> {
      const { workspace } = get();
      epoch++;
      currentKey = null;
      forgetUnlockedKey(tabStorage);
      set({ ...patch, workspace: null });
      await workspace?.close().catch(() => undefined);
    }

    async function endLocally(message: string | null, username: string | null = null): Promise<void> {
      pendingOpen = null;
      clearSession(deps.storage);
      await dropWorkspace({ phase: 'signed-out', session: null, message, busy: false, username });
    }

    /** Closes the open workspace before another person's opens; this person's other windows lock. */
    async function closeCurrent(): Promise<void> {
      const { session } = get();
      if (session) link.post({ t: 'locked', userId: session.user.id });
      await dropWorkspace({});
    }

    /** `freshKey`: the key was just made, so a replica this workstation still has is unreadable and is replaced. */
    async function open(session: Session, key: string, freshKey = false, replaceReplica = false): Promise<void> {
      const mine = ++epoch;
      currentKey = key;
      keepUnlockedKey(tabStorage, session.user.id, key);
      saveSession(deps.storage, session);
      set({
        phase: 'opening',
        session,
        message: null,
        busy: false,
        username: null,
        mustChangePassword: keyring.entry(session.user.id)?.passwordTemporary === true,
      });
      try {
        const workspace = await openWorkspace(session, {
          serverUrl,
          getToken: () => get().session?.token ?? '',
          onUnauthorized: () => onUnauthorized(mine),
          onScopeChange: () => void refreshUser(mine),
          encryptionKey: key,
          replaceReplica,
        });
        if (mine !== epoch) {
          await workspace.close();
          return;
        }
        set({ phase: 'ready', workspace });
        // Roles may have changed while this person was away (locked, offline): the keyring's copy is old.
        void refreshUser(mine);
        // Windows of this person waiting at the lock screen open too.
        link.post({ t: 'key-offer', userId: session.user.id, key });
      } catch (error) {
        if (mine !== epoch) return;
        if (freshKey && !replaceReplica && (error as Error | null)?.name === 'ReplicaKeyError') return open(session, key, true, true);
        await endLocally(OPEN_FAILED_MESSAGE);
      }
    }

    /** The server took the password: keep the key (or make it), offer a PIN once, open. */
    async function completeOnlineSignIn(answer: LoginAnswer, password: string): Promise<void> {
      const session: Session = { token: answer.token, refreshToken: answer.refreshToken, user: answer.user };
      const { key, entry, fresh } = await keyring.recordOnlineSignIn(answer.user, password, answer.refreshToken, answer.keySecret, answer.passwordTemporary === true);
      await closeCurrent();
      if (!entry.byPin && !entry.pinOffered) {
        pendingOpen = { session, key, freshKey: fresh };
        saveSession(deps.storage, session);
        set({ phase: 'choose-pin', session, busy: false, message: null, username: null });
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
      await closeCurrent();
      await wipeLocalData();
      set({ phase: 'signed-out', busy: false, message, session: null, workspace: null });
    }

    /** Password sign-in while the server cannot be reached: the keyring checks it, within the window. */
    async function signInOffline(username: string, password: string): Promise<void> {
      const entry = keyring.findByUsername(username);
      if (!entry) return void set({ phase: 'signed-out', busy: false, message: NEVER_SIGNED_IN_HERE_MESSAGE });
      const hours = await offlineHoursFor(entry.user);
      if (!keyring.withinOfflineWindow(entry, hours)) return void set({ phase: 'signed-out', busy: false, message: offlineWindowMessage(hours) });
      const unlocked = await keyring.unlockWithPassword(entry.user.id, password);
      if (!unlocked.ok) return void set({ phase: 'signed-out', busy: false, message: WRONG_PASSWORD_MESSAGE });
      await closeCurrent();
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
      set({ busy: false, message, phase: get().phase === 'locked' ? 'locked' : 'signed-out' });
    }

    // PIN or password from the keyring; then the server (if there) resumes the session, else the offline window applies.
    async function unlockWith(userId: string, secret: string, method: 'pin' | 'password'): Promise<void> {
      const entry = keyring.entry(userId);
      if (!entry) return failUnlock(NEVER_SIGNED_IN_HERE_MESSAGE);
      set({ busy: true, message: null });
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
        return endLocally(PASSWORD_NEEDED_MESSAGE, entry.user.username);
      }
      if (resumed.kind === 'unreachable') {
        const hours = await offlineHoursFor(entry.user);
        if (!keyring.withinOfflineWindow(entry, hours)) return failUnlock(offlineWindowMessage(hours));
      }
      // Switching person: the previous one's sync stops and database closes first.
      if (!samePerson) await closeCurrent();
      await open(resumed.kind === 'online' ? resumed.session : candidate, key);
    }

    /** Tells the server (audited); an expired access token is renewed first so the lock is on record. */
    async function recordLock(session: Session, key: string | null, reason: LockReason): Promise<void> {
      const forEpoch = epoch;
      if ((await tellServer(serverUrl, session.token, 'lock', { reason })) !== 'unauthorized' || !key) return;
      const renewed = await renewAccessToken(session, renewalDeps(session, key)).catch(() => null);
      if (renewed?.kind !== 'online') return;
      saveSession(deps.storage, renewed.session);
      // Still locked for this person: the unlock starts from the renewed session.
      if (forEpoch === epoch && get().session?.user.id === session.user.id) set({ session: renewed.session });
      await tellServer(serverUrl, renewed.session.token, 'lock', { reason });
    }

    link.subscribe((message) => {
      const { phase, session } = get();
      if (session?.user.id !== message.userId) return;
      if (message.t === 'key-request' && phase === 'ready' && currentKey) {
        link.post({ t: 'key-offer', userId: message.userId, key: currentKey });
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
      const key = currentKey;
      await dropWorkspace({ phase: 'locked', message: null, busy: false });
      return { session, key };
    }

    return {
      phase: 'signed-out',
      session: null,
      workspace: null,
      message: null,
      busy: false,
      username: null,
      mustChangePassword: false,

      people: () => keyring.people(),

      async signIn(username, password) {
        set({ phase: 'signing-in', message: null, busy: true });
        let answer: LoginAnswer;
        try {
          answer = await login(serverUrl, { username: username.trim(), password, ...(await workstationProof(deps.host)) });
        } catch (error) {
          if (error instanceof LoginError && error.kind === 'unreachable') return signInOffline(username, password);
          if (error instanceof LoginError && error.kind === 'revoked') return wipeRevoked(error.message);
          const message = error instanceof LoginError ? error.message : 'Sign-in failed. Please try again.';
          set({ phase: 'signed-out', message, busy: false });
          return;
        }
        try {
          await completeOnlineSignIn(answer, password);
        } catch {
          // WebCrypto or storage refused (not a secure context, storage full): nothing opened.
          set({ phase: 'signed-out', busy: false, message: KEYRING_FAILED_MESSAGE });
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
            set({ message: error instanceof Error ? error.message : 'That PIN cannot be used.' });
            return;
          }
        }
        pendingOpen = null;
        await open(pending.session, pending.key, pending.freshKey);
      },

      async setPin(pin) {
        const { session, phase } = get();
        if (phase !== 'ready' || !session || !currentKey) throw new Error('Unlock first.');
        await keyring.setPin(session.user.id, currentKey, pin);
      },

      async changePassword(currentPassword, newPassword) {
        const { session, phase } = get();
        const key = currentKey;
        if (phase !== 'ready' || !session || !key) throw new Error('Unlock first.');
        await changePasswordOnServer(serverUrl, session.token, { currentPassword, newPassword });
        // Offline sign-in and unlocking by password on this workstation take the new one from now on.
        await keyring.setPassword(session.user.id, key, newPassword);
        set({ mustChangePassword: false });
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
          set({ phase: 'opening', session });
          key = await requestKey(link, session.user.id, deps.keyWaitMs ?? 400);
        }
        const refreshToken = key ? ((await keyring.refreshToken(session.user.id, key)) ?? session.refreshToken) : session.refreshToken;
        if (key) await open({ ...session, refreshToken }, key);
        else set({ phase: 'locked', session, workspace: null });
      },

      async signOut(message) {
        const { session } = get();
        const key = currentKey;
        await endLocally(message ?? null);
        if (!session) return;
        link.post({ t: 'signed-out', userId: session.user.id });
        // The sign-in is over: nothing on this workstation may renew it.
        if (key) await keyring.storeRefreshToken(session.user.id, key, undefined);
        // Asked by the user: end the session on the server too. After a refusal there is nothing to end.
        if (!message) await logout(serverUrl, session.token, session.refreshToken);
      },
    };
  });
}

export type SessionStore = ReturnType<typeof createSessionStore>;
