import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../keyring/memory-storage';
import { PASSWORD_NEEDED_MESSAGE, offlineWindowMessage } from './session-messages';
import { loadSession } from './session-storage';
import { alex, maria, signedIn, workstation } from './session-workstation';

describe('session store', () => {
  it('signs in online, offers a PIN once, and opens the replica with the person’s key', async () => {
    const ws = workstation();
    const store = ws.window();
    await store.getState().signIn(' frontdesk ', 'baton-demo');
    expect(ws.login).toHaveBeenCalledWith('', { username: 'frontdesk', password: 'baton-demo', workstationId: 'ws-1' });
    expect(store.getState().phase).toBe('choose-pin');
    expect(ws.opened).toHaveLength(0);
    await store.getState().choosePin('12');
    expect(store.getState()).toMatchObject({ phase: 'choose-pin', message: 'A PIN is 4 to 8 digits.' });
    await store.getState().choosePin('4321');
    expect(store.getState().phase).toBe('ready');
    const key = ws.opened[0].options.encryptionKey;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(ws.opened[0].options.getToken()).toBe('tok-1');
    // The refresh token is kept sealed in the keyring, not in clear with the session.
    expect(loadSession(ws.storage)).toEqual({ token: 'tok-1', user: maria });
    expect(await ws.keyring.refreshToken(maria.id, key!)).toBe('rt-1');
    // Asked once: the next sign-in goes straight to the board.
    await store.getState().signOut();
    await store.getState().signIn('frontdesk', 'baton-demo');
    expect(store.getState().phase).toBe('ready');
    expect(ws.opened[1].options.encryptionKey).toBe(key);
  });

  it('keeps the person’s offline documents while locked and deletes them at sign-out', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk', '1357');
    await store.getState().lock('manual');
    await store.getState().unlock(maria.id, '1357', 'pin');
    expect(ws.forgotten).toEqual([]);
    await store.getState().signOut();
    expect(ws.forgotten).toEqual([maria.id]);
  });

  it('shows why a sign-in failed and keeps nothing', async () => {
    const ws = workstation();
    const store = ws.window();
    await store.getState().signIn('frontdesk', 'bad');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: 'Wrong username or password.' });
    expect(loadSession(ws.storage)).toBeNull();
    expect(ws.keyring.people()).toEqual([]);
  });

  it('signs in offline with PIN or password within the window since the last online sign-in, and refuses after it', async () => {
    const ws = workstation();
    const first = await signedIn(ws, 'frontdesk', '2468');
    await first.getState().signOut();
    ws.setOnline(false);
    ws.advanceHours(70);
    const store = ws.window();
    await store.getState().unlock(maria.id, '2468', 'pin');
    expect(store.getState().phase).toBe('ready');
    await store.getState().signOut();
    await store.getState().signIn('frontdesk', 'baton-demo');
    expect(store.getState().phase).toBe('ready');
    await store.getState().signOut();
    ws.advanceHours(3);
    await store.getState().unlock(maria.id, '2468', 'pin');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: offlineWindowMessage(72) });
    await store.getState().signIn('frontdesk', 'baton-demo');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: offlineWindowMessage(72) });
    await store.getState().signIn('clinician', 'baton-demo');
    expect(store.getState().message).toMatch(/not signed in on this workstation before/);
  });

  it('switches person with a PIN: the previous replica closes first, the server is told', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk', '1111');
    const mariaKey = ws.opened[0].options.encryptionKey;
    await store.getState().lock('manual');
    await store.getState().signIn('clinician', 'baton-demo');
    await store.getState().choosePin('2222');
    expect(store.getState().session?.user.id).toBe(alex.id);
    const alexKey = ws.opened[1].options.encryptionKey;
    expect(alexKey).not.toBe(mariaKey);
    ws.events.length = 0;
    await store.getState().unlock(maria.id, '1111', 'pin');
    expect(store.getState()).toMatchObject({ phase: 'ready', session: { user: { id: maria.id } } });
    expect(ws.events).toEqual(['unlock {"method":"pin"}', 'close clinician', 'open frontdesk']);
    expect(ws.opened[2].options.encryptionKey).toBe(mariaKey);
    // Maria's stored refresh token was traded for a new access token (and the new one kept).
    expect(ws.refresh).toHaveBeenLastCalledWith('', 'rt-1');
    expect(ws.opened[2].options.getToken()).toBe('tok-3');
    expect(await ws.keyring.refreshToken(maria.id, mariaKey!)).toBe('rt-3');
  });

  it('locks: hides the workspace, stops it, tells the server; the PIN brings it back and wrong PINs are counted', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk', '1357');
    ws.events.length = 0;
    await store.getState().lock('inactivity');
    expect(store.getState()).toMatchObject({ phase: 'locked', workspace: null, session: { user: { displayName: 'Maria Lopez' } } });
    expect(ws.opened[0].close).toHaveBeenCalled();
    await vi.waitFor(() => expect(ws.events).toEqual(['close frontdesk', 'lock {"reason":"inactivity"}']));
    await store.getState().unlock(maria.id, '0000', 'pin');
    expect(store.getState()).toMatchObject({ phase: 'locked', message: 'Wrong PIN. 4 attempts left before only your password works.' });
    await store.getState().unlock(maria.id, '1357', 'pin');
    expect(store.getState().phase).toBe('ready');
    expect(ws.events.at(-2)).toBe('unlock {"method":"pin"}');
  });

  it('records a lock even after the access token expired, renewing it with the sealed refresh token', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk', '1357');
    ws.events.length = 0;
    // The server no longer takes this access token (15 minutes have passed).
    ws.tellServer.mockImplementationOnce(async () => 'unauthorized');
    await store.getState().lock('inactivity');
    await vi.waitFor(() => expect(ws.events).toContain('lock {"reason":"inactivity"}'));
    expect(ws.refresh).toHaveBeenCalledWith('', 'rt-1');
    expect(store.getState()).toMatchObject({ phase: 'locked', session: { token: 'tok-2' } });
    await store.getState().unlock(maria.id, '1357', 'pin');
    expect(ws.opened.at(-1)?.options.getToken()).toBe('tok-2');
  });

  it('asks for the password when the server refuses the stored session, and keeps the replica', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk', '1357');
    const key = ws.opened[0].options.encryptionKey!;
    await ws.keyring.storeRefreshToken(maria.id, key, 'revoked');
    ws.opened[0].options.onUnauthorized();
    await vi.waitFor(() => expect(store.getState().phase).toBe('signed-out'));
    expect(store.getState()).toMatchObject({ message: PASSWORD_NEEDED_MESSAGE, username: 'frontdesk' });
    expect(ws.opened[0].close).toHaveBeenCalled();
    expect(ws.opened[0].options.replaceReplica).toBe(false);
    await store.getState().signIn('frontdesk', 'baton-demo');
    expect(store.getState().phase).toBe('ready');
    expect(ws.opened[1].options).toMatchObject({ encryptionKey: key, replaceReplica: false });
  });

  it('keeps the lock screen when a password is wrong for the keyring and for the server', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk', '1357');
    await store.getState().lock('manual');
    await store.getState().unlock(maria.id, 'not-it', 'password');
    expect(store.getState()).toMatchObject({
      phase: 'locked',
      message: 'Wrong username or password.',
      session: { user: { id: maria.id } },
    });
    await store.getState().unlock(maria.id, 'baton-demo', 'password');
    expect(store.getState().phase).toBe('ready');
    expect(ws.events).toContain('unlock {"method":"password"}');
  });

  it('replaces a replica left from a lost key (new key made at sign-in), and only then', async () => {
    const ws = workstation();
    const lost = Object.assign(new Error('The local replica was encrypted with a different key'), { name: 'ReplicaKeyError' });
    ws.failures.push(lost);
    const store = await signedIn(ws, 'frontdesk');
    expect(ws.opened[0].options).toMatchObject({ replaceReplica: true });
    await store.getState().lock('manual');
    // The same key later: a failure to open is reported, nothing is replaced.
    ws.failures.push(lost);
    await store.getState().unlock(maria.id, 'baton-demo', 'password');
    expect(store.getState()).toMatchObject({ phase: 'signed-out', message: 'This workstation could not open your data.' });
    expect(ws.opened).toHaveLength(1);
  });

  it('sets a PIN later for someone who chose "not now", only while unlocked', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    expect(ws.keyring.people()[0].hasPin).toBe(false);
    await expect(store.getState().setPin('12')).rejects.toThrow(/4 to 8 digits/);
    await store.getState().setPin('97531');
    await store.getState().lock('manual');
    await expect(store.getState().setPin('11111')).rejects.toThrow(/Unlock first/);
    await store.getState().unlock(maria.id, '97531', 'pin');
    expect(store.getState().phase).toBe('ready');
  });

  it('changes the password on the server and then in the keyring: the new one unlocks and signs in, the old one neither', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    await expect(store.getState().changePassword('wrong', 'a new passphrase')).rejects.toThrow(/not right/);
    ws.setOnline(false);
    await expect(store.getState().changePassword('baton-demo', 'a new passphrase')).rejects.toThrow(/needs a connection/);
    ws.setOnline(true);
    // Refused twice: nothing changed on this workstation either.
    await store.getState().lock('manual');
    await store.getState().unlock(maria.id, 'baton-demo', 'password');
    expect(store.getState().phase).toBe('ready');

    await store.getState().changePassword('baton-demo', 'a new passphrase');
    await store.getState().lock('manual');
    await store.getState().unlock(maria.id, 'baton-demo', 'password');
    expect(store.getState().phase).toBe('locked');
    ws.setOnline(false);
    await store.getState().unlock(maria.id, 'a new passphrase', 'password');
    expect(store.getState().phase).toBe('ready');
    await store.getState().lock('manual');
    await expect(store.getState().changePassword('a new passphrase', 'another passphrase')).rejects.toThrow(/Unlock first/);
    ws.setOnline(true);
    await store.getState().signOut();
    await store.getState().signIn('frontdesk', 'a new passphrase');
    expect(store.getState().phase).toBe('ready');
    // The same replica key throughout: the replica and its unsent changes survive the change.
    expect(ws.opened[0].options.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(ws.opened.map((o) => o.options.encryptionKey)).size).toBe(1);
  });

  it('asks for an own password after a sign-in with one an admin set, through lock and unlock, until it is changed', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    expect(store.getState().mustChangePassword).toBe(false);
    ws.adminSetsPassword('temporary-from-admin');
    await store.getState().signOut();
    await store.getState().signIn('frontdesk', 'temporary-from-admin');
    // (No escrow secret in this fake: the reset made a new key, so the PIN is offered again.)
    await store.getState().choosePin(null);
    expect(store.getState()).toMatchObject({ phase: 'ready', mustChangePassword: true });
    await store.getState().lock('manual');
    await store.getState().unlock(maria.id, 'temporary-from-admin', 'password');
    expect(store.getState()).toMatchObject({ phase: 'ready', mustChangePassword: true });
    await store.getState().changePassword('temporary-from-admin', 'my own passphrase');
    expect(store.getState().mustChangePassword).toBe(false);
    await store.getState().lock('manual');
    await store.getState().unlock(maria.id, 'my own passphrase', 'password');
    expect(store.getState()).toMatchObject({ phase: 'ready', mustChangePassword: false });
    // Another window of this workstation reads the same keyring.
    expect(ws.keyring.entry(maria.id)?.passwordTemporary).toBe(false);
  });

  it('renews an expired access token once with the sealed refresh token', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    const { options } = ws.opened[0];
    options.onUnauthorized();
    options.onUnauthorized();
    await vi.waitFor(() => expect(options.getToken()).toBe('tok-2'));
    expect(ws.refresh).toHaveBeenCalledTimes(1);
    expect(ws.refresh).toHaveBeenCalledWith('', 'rt-1');
    expect(await ws.keyring.refreshToken(maria.id, options.encryptionKey!)).toBe('rt-2');
    expect(store.getState().phase).toBe('ready');
  });

  it('keeps working while the refresh cannot reach the server', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    ws.setOnline(false);
    ws.opened[0].options.onUnauthorized();
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().phase).toBe('ready');
  });

  it('reopens after a reload in the same tab; another window gets the key from an unlocked one or shows the lock', async () => {
    const ws = workstation();
    const tab = memoryStorage();
    const board = ws.window(ws.hub(), tab);
    await board.getState().signIn('frontdesk', 'baton-demo');
    await board.getState().choosePin(null);
    const reloaded = ws.window(ws.hub(), tab);
    await reloaded.getState().restore();
    expect(reloaded.getState().phase).toBe('ready');
    const approval = ws.window();
    await approval.getState().restore();
    expect(approval.getState().phase).toBe('ready');
    expect(ws.opened.at(-1)?.options.encryptionKey).toBe(ws.opened[0].options.encryptionKey);
    // Locking one window locks the others.
    await board.getState().lock('manual');
    await vi.waitFor(() => expect(approval.getState().phase).toBe('locked'));
    await vi.waitFor(() => expect(reloaded.getState().phase).toBe('locked'));
    const late = ws.window();
    await late.getState().restore();
    expect(late.getState()).toMatchObject({ phase: 'locked', session: { user: { id: maria.id } } });
  });

  it('ends the server session on sign-out and forgets the refresh token', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    const key = ws.opened[0].options.encryptionKey!;
    await store.getState().signOut();
    expect(ws.logout).toHaveBeenCalledWith('', 'tok-1', 'rt-1');
    expect(await ws.keyring.refreshToken(maria.id, key)).toBeUndefined();
    expect(ws.keyring.people().map((p) => p.displayName)).toEqual(['Maria Lopez']);
  });
});
