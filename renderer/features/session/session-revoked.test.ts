// An enrolled workstation signs in with its enrollment's secret; once an admin revoked it, the
// next sign-in (or unlock with the password) wipes every replica and key entry, so no one can
// work offline on what it held.
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { PublicUser } from '../../../shared/wire';
import { LoginError, type LoginAnswer } from './auth-api';
import type { Session, Workspace } from '../../workspace/workspace';
import { MIN_ITERATIONS } from '../../keyring/crypto';
import { createKeyring } from '../../keyring/keyring';
import { memoryStorage } from '../../keyring/memory-storage';
import { wipeLocalReplicas } from '../../sync/revocation';
import { createSessionStore } from './session';
import { NEVER_SIGNED_IN_HERE_MESSAGE } from './session-messages';

const maria = PublicUser.parse({
  id: 'u-frontdesk',
  username: 'frontdesk',
  displayName: 'Maria Lopez',
  role: 'front_desk',
  roles: ['front_desk'],
});
const REVOKED = 'An administrator revoked this workstation: its local data is removed. Ask IT to enroll it again.';

describe('a revoked workstation', () => {
  it('proves its enrollment at sign-in, then wipes replicas and keys when the server says it is revoked', async () => {
    const storage = memoryStorage();
    const tabStorage = memoryStorage();
    const indexedDB = new IDBFactory();
    await new Promise(
      (resolve) => (indexedDB.open('baton-g1-u-u-frontdesk').onsuccess = (e) => resolve((e.target as IDBOpenDBRequest).result.close())),
    );
    const host = {
      kind: 'electron' as const,
      serverUrl: 'https://baton.clinic',
      getWorkstationId: () => 'ws-7',
      getWorkstationConfig: async () => ({
        serverUrl: 'https://baton.clinic',
        locationId: 'loc-main',
        idleLockSeconds: 300,
        workstationId: 'ws-7',
        workstationSecret: 's3cret',
      }),
    };
    let revoked = false;
    let online = true;
    const login = vi.fn(async (): Promise<LoginAnswer> => {
      if (!online) throw new LoginError('unreachable', 'The Baton server cannot be reached.');
      if (revoked) throw new LoginError('revoked', REVOKED);
      return { token: 'tok', refreshToken: 'rt', user: maria };
    });
    const close = vi.fn(async () => undefined);
    const wipeLocalData = vi.fn(() => wipeLocalReplicas({ indexedDB, storages: [storage, tabStorage] }));
    const store = createSessionStore({
      host,
      storage,
      tabStorage,
      keyring: createKeyring({ storage, iterations: MIN_ITERATIONS }),
      login,
      logout: async () => undefined,
      tellServer: async () => 'ok',
      openWorkspace: async (_session: Session) => ({ close }) as unknown as Workspace,
      wipeLocalData,
      withRefreshLock: (w) => w(),
    });

    await store.getState().signIn('frontdesk', 'baton-demo');
    expect(login).toHaveBeenLastCalledWith('https://baton.clinic', {
      username: 'frontdesk',
      password: 'baton-demo',
      workstationId: 'ws-7',
      workstationSecret: 's3cret',
    });
    await store.getState().choosePin('2468');
    expect(store.getState().phase).toBe('ready');
    await store.getState().signOut();
    expect(store.getState().people()).toHaveLength(1);

    revoked = true;
    await store.getState().signIn('frontdesk', 'baton-demo');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: REVOKED, session: null });
    expect(wipeLocalData).toHaveBeenCalledTimes(1);
    expect(await indexedDB.databases()).toEqual([]);
    expect(storage.length).toBe(0);
    expect(store.getState().people()).toEqual([]);
    // Nothing to sign in to offline either.
    online = false;
    await store.getState().signIn('frontdesk', 'baton-demo');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: NEVER_SIGNED_IN_HERE_MESSAGE });
  });
});
