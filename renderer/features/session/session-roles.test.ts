// The session follows a change of the person's roles and locations (an admin edited them) without
// a new sign-in; offline, or for another person's answer, nothing changes.
import { describe, expect, it, vi } from 'vitest';
import { PublicUser } from '../../../shared/wire';
import { loadSession } from './session-storage';
import { alex, maria, signedIn, workstation } from './session-workstation';

describe('follows a change of the person’s roles without a new sign-in', () => {
  const withBilling = PublicUser.parse({ ...maria, roles: ['front_desk', 'billing'] });

  it('re-reads the user when the stream says the scope changed: session, stored session and keyring follow, the replica stays open', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    expect(store.getState().session?.user.roles).toEqual(['front_desk']);
    ws.serverUsers.frontdesk = withBilling;
    ws.opened[0].options.onScopeChange?.();
    await vi.waitFor(() => expect(store.getState().session?.user.roles).toEqual(['front_desk', 'billing']));
    expect(loadSession(ws.storage)?.user.roles).toEqual(['front_desk', 'billing']);
    expect(ws.keyring.entry(maria.id)?.user.roles).toEqual(['front_desk', 'billing']);
    expect(store.getState()).toMatchObject({ phase: 'ready', session: { token: 'tok-1' } });
    expect(ws.opened).toHaveLength(1);
    expect(ws.opened[0].close).not.toHaveBeenCalled();

    // Taken away again.
    ws.serverUsers.frontdesk = maria;
    ws.opened[0].options.onScopeChange?.();
    await vi.waitFor(() => expect(store.getState().session?.user.roles).toEqual(['front_desk']));
    expect(ws.keyring.entry(maria.id)?.user.roles).toEqual(['front_desk']);
  });

  it('re-reads the user after renewing the token, and renews first when the server refuses the old one', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    ws.serverUsers.frontdesk = withBilling;
    ws.expired.add('tok-1');
    ws.opened[0].options.onScopeChange?.();
    await vi.waitFor(() => expect(store.getState().session?.user.roles).toEqual(['front_desk', 'billing']));
    expect(store.getState().session?.token).toBe('tok-2');
    expect(ws.refresh).toHaveBeenCalledTimes(1);
    expect(ws.fetchMe).toHaveBeenLastCalledWith('', 'tok-2');

    ws.serverUsers.frontdesk = maria;
    ws.expired.add('tok-2');
    ws.opened[0].options.onUnauthorized();
    await vi.waitFor(() => expect(store.getState().session?.user.roles).toEqual(['front_desk']));
    expect(store.getState().session?.token).toBe('tok-3');
  });

  it('picks up a change made while the person was locked when they unlock', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk', '1357');
    await store.getState().lock('manual');
    ws.serverUsers.frontdesk = withBilling;
    await store.getState().unlock(maria.id, '1357', 'pin');
    await vi.waitFor(() => expect(store.getState().session?.user.roles).toEqual(['front_desk', 'billing']));
    expect(ws.keyring.entry(maria.id)?.user.roles).toEqual(['front_desk', 'billing']);
  });

  it('changes nothing offline, and never takes another person’s answer', async () => {
    const ws = workstation();
    const store = await signedIn(ws, 'frontdesk');
    ws.serverUsers.frontdesk = withBilling;
    ws.setOnline(false);
    ws.opened[0].options.onScopeChange?.();
    await vi.waitFor(() => expect(ws.fetchMe).toHaveBeenCalledTimes(2));
    expect(store.getState().session?.user.roles).toEqual(['front_desk']);

    ws.setOnline(true);
    ws.fetchMe.mockResolvedValueOnce({ kind: 'user', user: alex });
    ws.opened[0].options.onScopeChange?.();
    await vi.waitFor(() => expect(ws.fetchMe).toHaveBeenCalledTimes(3));
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().session?.user).toEqual(maria);
    expect(ws.keyring.entry(maria.id)?.user).toEqual(maria);
  });
});
