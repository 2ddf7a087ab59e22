// The workstation's configured location, not the person's first one, decides where they work:
// here the offline sign-in window of that location's policy (the board, intake and top bar read
// the same locationOf through the workspace).
import { describe, expect, it, vi } from 'vitest';
import { PublicUser } from '../../../shared/wire';
import { LoginError, type LoginAnswer } from './auth-api';
import { locationOf, type Workspace } from '../../workspace/workspace';
import { MIN_ITERATIONS } from '../../keyring/crypto';
import { createKeyring } from '../../keyring/keyring';
import { rememberLocationPolicy } from '../../keyring/location-policy';
import { memoryStorage } from '../../keyring/memory-storage';
import { createSessionStore } from './session';
import { offlineWindowMessage } from './session-messages';
import { workstationLocation } from '../../host/workstation-location';

const nurse = PublicUser.parse({
  id: 'u-n',
  username: 'nurse',
  displayName: 'N',
  role: 'front_desk',
  roles: ['front_desk'],
  locationIds: ['loc-main', 'loc-north'],
});
const config = (locationId: string) => async () => ({ serverUrl: 'https://baton.clinic', locationId, idleLockSeconds: 300 });

describe('the workstation’s location', () => {
  it('wins over the person’s first location; the web host has none', async () => {
    expect(locationOf(nurse, 'loc-north')).toBe('loc-north');
    expect(locationOf(nurse, null)).toBe('loc-main');
    const getWorkstationConfig = vi.fn(config('loc-north'));
    const host = { kind: 'electron' as const, serverUrl: '', getWorkstationId: () => 'ws-1', getWorkstationConfig };
    expect(await workstationLocation(host)).toBe('loc-north');
    expect(await workstationLocation(host)).toBe('loc-north');
    expect(getWorkstationConfig).toHaveBeenCalledTimes(1);
    expect(await workstationLocation({ kind: 'web', serverUrl: '', getWorkstationId: () => 'ws-2' })).toBeNull();
    const broken = {
      kind: 'electron' as const,
      serverUrl: '',
      getWorkstationId: () => 'ws-3',
      getWorkstationConfig: () => Promise.reject(new Error('no')),
    };
    expect(await workstationLocation(broken)).toBeNull();
  });

  it('its offline sign-in window applies, not the one of the person’s first location', async () => {
    const storage = memoryStorage();
    let now = Date.parse('2026-11-23T09:00:00Z');
    rememberLocationPolicy(storage, 'loc-main', { lockAfterMinutes: 5, offlineSignInHours: 72 });
    rememberLocationPolicy(storage, 'loc-north', { lockAfterMinutes: 5, offlineSignInHours: 2 });
    let online = true;
    const login = async (): Promise<LoginAnswer> => {
      if (!online) throw new LoginError('unreachable', 'unreachable');
      return { token: 't', refreshToken: 'r', user: nurse };
    };
    const store = createSessionStore({
      host: { kind: 'electron', serverUrl: '', getWorkstationId: () => 'ws-n', getWorkstationConfig: config('loc-north') },
      storage,
      tabStorage: memoryStorage(),
      keyring: createKeyring({ storage, iterations: MIN_ITERATIONS, now: () => now }),
      login,
      logout: async () => undefined,
      tellServer: async () => 'ok',
      openWorkspace: async () => ({ close: async () => undefined }) as unknown as Workspace,
      withRefreshLock: (w) => w(),
    });
    await store.getState().signIn('nurse', 'pw-of-the-nurse');
    await store.getState().choosePin(null);
    await store.getState().signOut();
    online = false;
    now += 3 * 3_600_000;
    await store.getState().signIn('nurse', 'pw-of-the-nurse');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: offlineWindowMessage(2) });
  });
});
