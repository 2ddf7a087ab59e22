// A fake workstation for the session store's tests: one shared localStorage, keyring and clock,
// a scripted server (logins, refreshes, /me, lock and unlock events), and any number of windows.
import { expect, vi } from 'vitest';
import { PublicUser } from '../../../shared/wire';
import { LoginError, type LoginAnswer, type MeOutcome, type RefreshOutcome, type ServerAnswer } from './auth-api';
import type { Session, Workspace, WorkspaceOptions } from '../../workspace/workspace';
import { MIN_ITERATIONS } from '../../keyring/crypto';
import { createKeyring } from '../../keyring/keyring';
import { memoryStorage } from '../../keyring/memory-storage';
import { createSessionStore } from './session';
import { createLinkHub, type WindowLink } from './window-link';

export const maria = PublicUser.parse({
  id: 'u-frontdesk',
  username: 'frontdesk',
  displayName: 'Maria Lopez',
  role: 'front_desk',
  roles: ['front_desk'],
});
export const alex = PublicUser.parse({
  id: 'u-clin',
  username: 'clinician',
  displayName: 'Dr. Alex Chen',
  role: 'clinician',
  roles: ['clinician'],
});
const users: Record<string, PublicUser> = { frontdesk: maria, clinician: alex };
const host = { kind: 'web' as const, serverUrl: '', getWorkstationId: () => 'ws-1' };

interface Opened {
  session: Session;
  options: WorkspaceOptions;
  close: ReturnType<typeof vi.fn>;
}

/** One workstation (shared localStorage and clock); each call to `window()` is a window of it. */
export function workstation() {
  const storage = memoryStorage();
  let now = Date.parse('2026-11-23T09:00:00Z');
  let online = true;
  const keyring = createKeyring({ storage, iterations: MIN_ITERATIONS, now: () => now });
  const events: string[] = [];
  let tokens = 0;
  /** The server's users as they are now (an admin may change them) and whose each token is. */
  const serverUsers: Record<string, PublicUser> = { ...users };
  const ownerOf = new Map<string, string>();
  const expired = new Set<string>();
  /** Everyone's password on the server (one is enough here). */
  let serverPassword = 'baton-demo';
  /** An admin set it (the sign-in answer says so) until the person changes it. */
  let passwordTemporary = false;
  const login = vi.fn(async (_url: string, request: { username: string; password: string }): Promise<LoginAnswer> => {
    if (!online) throw new LoginError('unreachable', 'The Baton server cannot be reached.');
    if (request.password !== serverPassword) throw new LoginError('credentials', 'Wrong username or password.');
    tokens++;
    ownerOf.set(`tok-${tokens}`, request.username).set(`rt-${tokens}`, request.username);
    return { token: `tok-${tokens}`, refreshToken: `rt-${tokens}`, user: serverUsers[request.username], passwordTemporary };
  });
  const refresh = vi.fn(async (_url: string, token: string): Promise<RefreshOutcome> => {
    if (!online) return { kind: 'unreachable' };
    if (token === 'revoked') return { kind: 'refused' };
    tokens++;
    const owner = ownerOf.get(token) ?? '';
    ownerOf.set(`tok-${tokens}`, owner).set(`rt-${tokens}`, owner);
    return { kind: 'renewed', answer: { token: `tok-${tokens}`, refreshToken: `rt-${tokens}` } };
  });
  const fetchMe = vi.fn(async (_url: string, token: string): Promise<MeOutcome> => {
    if (!online) return { kind: 'unreachable' };
    const owner = ownerOf.get(token);
    if (!owner || expired.has(token)) return { kind: 'unauthorized' };
    return { kind: 'user', user: serverUsers[owner] };
  });
  const tellServer = vi.fn(async (_url: string, token: string, event: 'lock' | 'unlock', body: object): Promise<ServerAnswer> => {
    if (!online) return 'unreachable';
    if (!token) return 'unauthorized';
    events.push(`${event} ${JSON.stringify(body)}`);
    return 'ok';
  });
  const logout = vi.fn(async () => undefined);
  const changePassword = vi.fn(async (_url: string, _token: string, body: { currentPassword: string; newPassword: string }) => {
    if (!online) throw new Error('The server cannot be reached: changing the password needs a connection.');
    if (body.currentPassword !== serverPassword) throw new Error('The current password is not right');
    serverPassword = body.newPassword;
    passwordTemporary = false;
  });
  const opened: Opened[] = [];
  const failures: Error[] = [];
  const openWorkspace = vi.fn(async (session: Session, options: WorkspaceOptions) => {
    const failure = failures.shift();
    if (failure) throw failure;
    const close = vi.fn(async () => void events.push(`close ${session.user.username}`));
    events.push(`open ${session.user.username}`);
    opened.push({ session, options, close });
    return { close } as unknown as Workspace;
  });
  /** Whose kept documents were deleted (sign-out). */
  const forgotten: string[] = [];
  const forgetKeptDocuments = async (userId: string) => void forgotten.push(userId);
  const hub = createLinkHub();
  const window = (link: WindowLink = hub(), tabStorage = memoryStorage()) =>
    createSessionStore({
      host,
      storage,
      tabStorage,
      keyring,
      link,
      login,
      refresh,
      logout,
      tellServer,
      fetchMe,
      changePassword,
      openWorkspace,
      forgetKeptDocuments,
      keyWaitMs: 50,
      withRefreshLock: (w) => w(),
    });
  return {
    storage,
    keyring,
    window,
    hub,
    login,
    refresh,
    logout,
    tellServer,
    fetchMe,
    serverUsers,
    expired,
    opened,
    events,
    failures,
    forgotten,
    setOnline: (value: boolean) => (online = value),
    adminSetsPassword: (password: string) => {
      serverPassword = password;
      passwordTemporary = true;
    },
    advanceHours: (h: number) => (now += h * 3_600_000),
  };
}

export async function signedIn(ws: ReturnType<typeof workstation>, username: string, pin: string | null = null) {
  const store = ws.window();
  await store.getState().signIn(username, 'baton-demo');
  expect(store.getState().phase).toBe('choose-pin');
  await store.getState().choosePin(pin);
  expect(store.getState().phase).toBe('ready');
  return store;
}
