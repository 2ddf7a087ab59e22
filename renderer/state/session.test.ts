import { describe, expect, it, vi } from 'vitest';
import { LoginError, type LoginAnswer, type RefreshOutcome } from '../app/auth-api';
import type { Session, Workspace, WorkspaceOptions } from '../app/workspace';
import { createSessionStore } from './session';
import { loadSession, saveSession } from './session-storage';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const user = { id: 'u-frontdesk', username: 'frontdesk', displayName: 'Maria Lopez', role: 'front_desk' as const };
const host = { kind: 'web' as const, serverUrl: '', getWorkstationId: () => 'ws-1' };

function setup(
  login = vi.fn(async (): Promise<LoginAnswer> => ({ token: 'tok', user })),
  refresh = vi.fn(async (): Promise<RefreshOutcome> => ({ kind: 'refused' })),
) {
  const storage = new MemoryStorage();
  const opened: WorkspaceOptions[] = [];
  const close = vi.fn(async () => undefined);
  const openWorkspace = vi.fn(async (_session: Session, options: WorkspaceOptions) => {
    opened.push(options);
    return { close } as unknown as Workspace;
  });
  const logout = vi.fn(async () => undefined);
  const store = createSessionStore({ host, storage, login, refresh, logout, openWorkspace });
  return { store, storage, opened, close, login, refresh, logout, openWorkspace };
}

describe('session store', () => {
  it('signs in with the workstation id, keeps the session and opens the workspace', async () => {
    const { store, storage, login, opened } = setup();
    await store.getState().signIn(' frontdesk ', 'pw');
    expect(login).toHaveBeenCalledWith('', { username: 'frontdesk', password: 'pw', workstationId: 'ws-1' });
    expect(store.getState().phase).toBe('ready');
    expect(loadSession(storage)?.token).toBe('tok');
    expect(opened[0].getToken()).toBe('tok');
  });

  it('shows why a sign-in failed and keeps nothing', async () => {
    const { store, storage } = setup(vi.fn(async (): Promise<LoginAnswer> => Promise.reject(new LoginError('credentials', 'Wrong username or password.'))));
    await store.getState().signIn('frontdesk', 'bad');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: 'Wrong username or password.' });
    expect(loadSession(storage)).toBeNull();
  });

  it('reopens a stored session without the server', async () => {
    const { store, storage, login } = setup();
    saveSession(storage, { token: 'stored', user });
    await store.getState().restore();
    expect(login).not.toHaveBeenCalled();
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().session?.user.id).toBe('u-frontdesk');
  });

  it('returns to sign-in with a message when the server refuses the token, and closes the workspace', async () => {
    const { store, storage, opened, close } = setup();
    await store.getState().signIn('frontdesk', 'pw');
    opened[0].onUnauthorized();
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
    expect(store.getState()).toMatchObject({ phase: 'signed-out', session: null });
    expect(store.getState().message).toMatch(/sign in again/);
    expect(loadSession(storage)).toBeNull();
  });

  it('renews an expired access token once with the refresh token and keeps working', async () => {
    const { store, storage, opened, refresh, close } = setup(
      vi.fn(async (): Promise<LoginAnswer> => ({ token: 'old', refreshToken: 'r1', user })),
      vi.fn(async (): Promise<RefreshOutcome> => ({ kind: 'renewed', answer: { token: 'new', refreshToken: 'r2', expiresIn: 900 } })),
    );
    await store.getState().signIn('frontdesk', 'pw');
    // Several requests fail at once: one refresh (a refresh token works once).
    opened[0].onUnauthorized();
    opened[0].onUnauthorized();
    await vi.waitFor(() => expect(opened[0].getToken()).toBe('new'));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('', 'r1');
    expect(loadSession(storage)).toMatchObject({ token: 'new', refreshToken: 'r2' });
    expect(store.getState().phase).toBe('ready');
    expect(close).not.toHaveBeenCalled();
  });

  it('keeps the session while the refresh cannot reach the server', async () => {
    const { store, opened } = setup(
      vi.fn(async (): Promise<LoginAnswer> => ({ token: 'old', refreshToken: 'r1', user })),
      vi.fn(async (): Promise<RefreshOutcome> => ({ kind: 'unreachable' })),
    );
    await store.getState().signIn('frontdesk', 'pw');
    opened[0].onUnauthorized();
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().phase).toBe('ready');
  });

  it('ends the server session on sign-out', async () => {
    const { store, logout } = setup(vi.fn(async (): Promise<LoginAnswer> => ({ token: 'tok', refreshToken: 'r1', user })));
    await store.getState().signIn('frontdesk', 'pw');
    await store.getState().signOut();
    expect(logout).toHaveBeenCalledWith('', 'tok', 'r1');
  });
});
