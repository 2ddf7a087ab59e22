import { describe, expect, it } from 'vitest';
import { PublicUser } from '../../shared/wire';
import { MIN_ITERATIONS, seal, unseal, unwrapKey, wrapKey } from './crypto';
import { entryKey, KeyringEntry, MAX_PIN_FAILURES, readEntry } from './entry';
import { createKeyring } from './keyring';
import { memoryStorage } from './memory-storage';
import { locationPolicy, policyOf, rememberLocationPolicy } from './location-policy';
import { LocationConfig } from '../../shared/config/schemas';

const maria = PublicUser.parse({
  id: 'u-frontdesk',
  username: 'frontdesk',
  displayName: 'Maria Lopez',
  role: 'front_desk',
  roles: ['front_desk'],
});
const alex = PublicUser.parse({
  id: 'u-clin',
  username: 'clinician',
  displayName: 'Dr. Alex Chen',
  role: 'clinician',
  roles: ['clinician'],
});

function setup(start = Date.parse('2026-11-23T09:00:00Z')) {
  const storage = memoryStorage();
  let now = start;
  const keyring = createKeyring({ storage, iterations: MIN_ITERATIONS, now: () => now });
  return { storage, keyring, advanceHours: (h: number) => (now += h * 3_600_000) };
}

describe('key wrapping', () => {
  it('unwraps with the right secret only, and only in its own slot', async () => {
    const wrapped = await wrapKey('ab'.repeat(32), 'secret pw', 'ctx-a', MIN_ITERATIONS);
    expect(await unwrapKey(wrapped, 'secret pw', 'ctx-a')).toBe('ab'.repeat(32));
    expect(await unwrapKey(wrapped, 'secret pX', 'ctx-a')).toBeNull();
    expect(await unwrapKey(wrapped, 'secret pw', 'ctx-b')).toBeNull();
    expect(JSON.stringify(wrapped)).not.toContain('abab');
  });

  it('seals a value under the database key', async () => {
    const key = 'cd'.repeat(32);
    const sealed = await seal(key, 'refresh-123', 'r');
    expect(JSON.stringify(sealed)).not.toContain('refresh-123');
    expect(await unseal(key, sealed, 'r')).toBe('refresh-123');
    expect(await unseal('ce'.repeat(32), sealed, 'r')).toBeNull();
  });
});

describe('keyring', () => {
  it('makes a 256-bit key at the first online sign-in and the same key after, by password', async () => {
    const { keyring, storage } = setup();
    const first = await keyring.recordOnlineSignIn(maria, 'baton-demo', 'rt-1');
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.fresh).toBe(true);
    const raw = storage.getItem(entryKey(maria.id)) ?? '';
    expect(raw).not.toContain(first.key);
    expect(raw).not.toContain('rt-1');
    expect(raw).not.toContain('baton-demo');
    const again = await keyring.recordOnlineSignIn(maria, 'baton-demo', 'rt-2');
    expect(again.key).toBe(first.key);
    expect(again.fresh).toBe(false);
    expect(await keyring.refreshToken(maria.id, first.key)).toBe('rt-2');
    const unlocked = await keyring.unlockWithPassword(maria.id, 'baton-demo');
    expect(unlocked).toMatchObject({ ok: true, key: first.key });
    expect(await keyring.unlockWithPassword(maria.id, 'wrong')).toEqual({ ok: false, reason: 'wrong-secret' });
  });

  it('makes a new key when the password changed on the server (the old one cannot be unwrapped)', async () => {
    const { keyring } = setup();
    const first = await keyring.recordOnlineSignIn(maria, 'old-password');
    await keyring.setPin(maria.id, first.key, '1234');
    const second = await keyring.recordOnlineSignIn(maria, 'new-password');
    expect(second.fresh).toBe(true);
    expect(second.key).not.toBe(first.key);
    expect(second.entry.byPin).toBeUndefined();
    expect(second.entry.pinOffered).toBe(false);
  });

  it('keeps the key (and the PIN) across a password reset by opening the escrow wrap with the server’s keySecret', async () => {
    const { keyring, storage } = setup();
    const secret = 'e1'.repeat(32);
    const first = await keyring.recordOnlineSignIn(maria, 'old-password', 'rt-1', secret);
    expect(first.entry.byServer).toBeDefined();
    expect(storage.getItem(entryKey(maria.id)) ?? '').not.toContain(secret);
    await keyring.setPin(maria.id, first.key, '1234');
    const pinWrap = readEntry(storage, maria.id)?.byPin;
    expect(pinWrap).toBeDefined();

    // The admin reset the password: the old wrap fails, the escrow opens the same key and the new password wraps it.
    const second = await keyring.recordOnlineSignIn(maria, 'new-password', 'rt-2', secret);
    expect(second).toMatchObject({ key: first.key, fresh: false });
    expect(second.entry.byPin).toEqual(pinWrap);
    expect(await keyring.unlockWithPassword(maria.id, 'new-password')).toMatchObject({ ok: true, key: first.key });
    expect(await keyring.unlockWithPassword(maria.id, 'old-password')).toEqual({ ok: false, reason: 'wrong-secret' });
    expect(await keyring.unlockWithPin(maria.id, '1234')).toMatchObject({ ok: true, key: first.key });

    // Another keySecret (another server, or someone else's) does not open it: a fresh key, as before.
    const third = await keyring.recordOnlineSignIn(maria, 'third-password', undefined, 'f2'.repeat(32));
    expect(third.fresh).toBe(true);
    expect(third.key).not.toBe(first.key);
    // An entry made before the escrow existed gains its wrap at the next online sign-in.
    const { keyring: older } = setup();
    const plain = await older.recordOnlineSignIn(alex, 'pw-one');
    expect(plain.entry.byServer).toBeUndefined();
    const upgraded = await older.recordOnlineSignIn(alex, 'pw-one', undefined, secret);
    expect(upgraded).toMatchObject({ key: plain.key, fresh: false });
    expect(await older.recordOnlineSignIn(alex, 'pw-two', undefined, secret)).toMatchObject({ key: plain.key, fresh: false });
  });

  it('after a password change, the new password unlocks the same key (offline too) and the old one no longer does', async () => {
    const { keyring } = setup();
    const { key } = await keyring.recordOnlineSignIn(maria, 'old-password');
    await keyring.setPin(maria.id, key, '1234');
    await keyring.setPassword(maria.id, key, 'a new passphrase');
    expect(await keyring.unlockWithPassword(maria.id, 'a new passphrase')).toMatchObject({ ok: true, key });
    expect(await keyring.unlockWithPassword(maria.id, 'old-password')).toEqual({ ok: false, reason: 'wrong-secret' });
    expect(await keyring.unlockWithPin(maria.id, '1234')).toMatchObject({ ok: true, key });
    // The next online sign-in with the new password keeps the key.
    expect(await keyring.recordOnlineSignIn(maria, 'a new passphrase')).toMatchObject({ key, fresh: false });
    await expect(keyring.setPassword(alex.id, key, 'whatever it is')).rejects.toThrow(/Not in the keyring/);
  });

  it('unlocks with the PIN, counts wrong PINs and stops the PIN after five until a password sign-in', async () => {
    const { keyring } = setup();
    const { key } = await keyring.recordOnlineSignIn(maria, 'baton-demo');
    expect(await keyring.unlockWithPin(maria.id, '1234')).toEqual({ ok: false, reason: 'no-pin' });
    await expect(keyring.setPin(maria.id, key, '12a4')).rejects.toThrow(/4 to 8 digits/);
    await keyring.setPin(maria.id, key, '2468');
    expect(await keyring.unlockWithPin(maria.id, '2468')).toMatchObject({ ok: true, key });
    expect(await keyring.unlockWithPin(maria.id, '0000')).toEqual({ ok: false, reason: 'wrong-secret', attemptsLeft: 4 });
    // A good PIN resets the count.
    await keyring.unlockWithPin(maria.id, '2468');
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(await keyring.unlockWithPin(maria.id, '1111')).toEqual({
        ok: false,
        reason: 'wrong-secret',
        attemptsLeft: MAX_PIN_FAILURES - i,
      });
    }
    expect(await keyring.unlockWithPin(maria.id, '1111')).toEqual({ ok: false, reason: 'pin-blocked' });
    // Blocked: even the right PIN no longer works.
    expect(await keyring.unlockWithPin(maria.id, '2468')).toEqual({ ok: false, reason: 'pin-blocked' });
    expect(keyring.people()[0].hasPin).toBe(false);
    expect((await keyring.unlockWithPassword(maria.id, 'baton-demo')).ok).toBe(true);
    expect(await keyring.unlockWithPin(maria.id, '2468')).toMatchObject({ ok: true, key });
  });

  it('allows offline sign-in within the window since the last online sign-in', async () => {
    const { keyring, advanceHours } = setup();
    const { entry } = await keyring.recordOnlineSignIn(maria, 'baton-demo');
    advanceHours(71.9);
    expect(keyring.withinOfflineWindow(entry, 72)).toBe(true);
    advanceHours(0.2);
    expect(keyring.withinOfflineWindow(entry, 72)).toBe(false);
    expect(keyring.withinOfflineWindow(entry, 96)).toBe(true);
    const renewed = await keyring.recordOnlineSignIn(maria, 'baton-demo');
    expect(keyring.withinOfflineWindow(renewed.entry, 72)).toBe(true);
  });

  it('lists people by display name, and ignores entries that do not validate', async () => {
    const { keyring, storage } = setup();
    await keyring.recordOnlineSignIn(maria, 'pw-maria');
    const { key } = await keyring.recordOnlineSignIn(alex, 'pw-alex');
    await keyring.setPin(alex.id, key, '9876');
    storage.setItem(entryKey('u-evil'), JSON.stringify({ v: 1, user: { id: 'u-evil' } }));
    storage.setItem(entryKey('u-junk'), '{not json');
    const raw = JSON.parse(storage.getItem(entryKey(maria.id))!) as KeyringEntry;
    storage.setItem(
      entryKey('u-weak'),
      JSON.stringify({ ...raw, user: { ...maria, id: 'u-weak' }, byPassword: { ...raw.byPassword, iterations: 1000 } }),
    );
    expect(keyring.people()).toEqual([
      { userId: alex.id, username: 'clinician', displayName: 'Dr. Alex Chen', hasPin: true },
      { userId: maria.id, username: 'frontdesk', displayName: 'Maria Lopez', hasPin: false },
    ]);
    expect(readEntry(storage, 'u-weak')).toBeNull();
    expect(keyring.findByUsername(' FrontDesk ')?.user.id).toBe(maria.id);
  });
});

describe('location policy', () => {
  it('defaults to 5 minutes and 72 hours, also for location documents written before the settings', () => {
    const old = LocationConfig.parse({
      label: 'Main',
      timeZone: 'America/New_York',
      businessHours: { startHour: 8, endHour: 17, days: [1] },
    });
    expect(policyOf(old)).toEqual({ lockAfterMinutes: 5, offlineSignInHours: 72 });
    const storage = memoryStorage();
    expect(locationPolicy(storage, 'loc-main')).toEqual({ lockAfterMinutes: 5, offlineSignInHours: 72 });
    rememberLocationPolicy(storage, 'loc-main', { lockAfterMinutes: 2, offlineSignInHours: 24 });
    expect(locationPolicy(storage, 'loc-main')).toEqual({ lockAfterMinutes: 2, offlineSignInHours: 24 });
    storage.setItem('baton.location-policy', '{"loc-main":{"lockAfterMinutes":-1}}');
    expect(locationPolicy(storage, 'loc-main').lockAfterMinutes).toBe(5);
  });
});
