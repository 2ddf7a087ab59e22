import { describe, expect, it, vi } from 'vitest';
import { LoginError } from '../app/auth-api';
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

function setup(login = vi.fn(async () => ({ token: 'tok', user }))) {
  const storage = new MemoryStorage();
  const opened: WorkspaceOptions[] = [];
  const close = vi.fn(async () => undefined);
  const openWorkspace = vi.fn(async (_session: Session, options: WorkspaceOptions) => {
    opened.push(options);
    return { close } as unknown as Workspace;
  });
  const store = createSessionStore({ host, storage, login, openWorkspace });
  return { store, storage, opened, close, login, openWorkspace };
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
    const { store, storage } = setup(vi.fn(async () => Promise.reject(new LoginError('credentials', 'Wrong username or password.'))));
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
});
