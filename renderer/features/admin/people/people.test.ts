import { describe, expect, it, vi } from 'vitest';
import { StaffMember } from '../../../../shared/config/schemas';
import type { AdminUser, Role } from '../../../../shared/wire';
import { createAdminApi } from '../admin-api';
import { generatePassword } from '../../../../shared/temporary-password';
import { checkedPassword } from '../../../ui/checked';
import { requestUrl } from '../../../../tests/support/request-url';
import {
  accessPatch,
  draftOf,
  locationChoices,
  newPersonRequest,
  staffEntryOf,
  toggleLocation,
  toggleRole,
  type NewPersonDraft,
} from './people';

const maria: AdminUser = {
  id: 'u-frontdesk',
  username: 'frontdesk',
  displayName: 'Maria Lopez',
  roles: ['front_desk'],
  locationIds: ['loc-main'],
  active: true,
};

describe('the people & roles form', () => {
  it('sends only what changed, roles in the policy’s order', () => {
    const draft = draftOf(maria);
    expect(accessPatch(maria, draft)).toEqual({ ok: true, patch: null });
    const roles = toggleRole(toggleRole(draft.roles, 'billing', true), 'billing', true);
    expect(roles).toEqual(['front_desk', 'billing']);
    expect(accessPatch(maria, { ...draft, roles: ['billing', 'front_desk'] })).toEqual({
      ok: true,
      patch: { roles: ['front_desk', 'billing'] },
    });
    const locationIds = toggleLocation(draft.locationIds, 'loc-north', true);
    expect(accessPatch(maria, { roles: draft.roles, locationIds })).toEqual({
      ok: true,
      patch: { locationIds: ['loc-main', 'loc-north'] },
    });
    expect(accessPatch(maria, { roles: ['billing'], locationIds: ['loc-north'] })).toEqual({
      ok: true,
      patch: { roles: ['billing'], locationIds: ['loc-north'] },
    });
  });

  it('refuses no role or no location', () => {
    expect(accessPatch(maria, { roles: toggleRole(['front_desk'], 'front_desk', false), locationIds: ['loc-main'] })).toEqual({
      ok: false,
      message: 'Give at least one role.',
    });
    expect(accessPatch(maria, { roles: ['front_desk'], locationIds: toggleLocation(['loc-main'], 'loc-main', false) })).toEqual({
      ok: false,
      message: 'Choose at least one location.',
    });
  });

  it('offers the configured locations and keeps one the person holds that is no longer configured', () => {
    expect(locationChoices(['loc-main', 'loc-north'], ['loc-old', 'loc-main'])).toEqual(['loc-main', 'loc-north', 'loc-old']);
  });
});

describe('the admin API for people', () => {
  const respond = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('lists people (checked), patches access and (de)activates with the session token', async () => {
    const doFetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      const path = requestUrl(url);
      if (path.endsWith('/api/admin/users')) return respond(200, [{ ...maria, passwordHash: 'never shown' }]);
      if (init?.method === 'PATCH') return respond(200, { ...maria, role: 'front_desk', roles: ['front_desk', 'billing'] });
      return respond(200, { ok: true });
    });
    const api = createAdminApi('http://server', () => 'tok-admin', doFetch);
    expect(await api.listUsers()).toEqual([maria]);
    expect((await api.updateUserAccess('u-frontdesk', { roles: ['front_desk', 'billing'] })).roles).toEqual(['front_desk', 'billing']);
    expect(doFetch).toHaveBeenLastCalledWith('http://server/api/admin/users/u-frontdesk', {
      method: 'PATCH',
      headers: { authorization: 'Bearer tok-admin', 'content-type': 'application/json' },
      body: '{"roles":["front_desk","billing"]}',
    });
    await api.setUserActive('u-frontdesk', false);
    expect(doFetch.mock.lastCall?.[0]).toBe('http://server/api/admin/users/u-frontdesk/deactivate');
    await api.setUserActive('u-frontdesk', true);
    expect(doFetch.mock.lastCall?.[0]).toBe('http://server/api/admin/users/u-frontdesk/activate');
  });

  it('shows the server’s refusal, and says when the server cannot be reached', async () => {
    const refusing = createAdminApi(
      '',
      () => 't',
      async () => respond(400, { error: 'bad_request', message: 'You cannot deactivate your own account' }),
    );
    await expect(refusing.setUserActive('u-admin', false)).rejects.toThrow('You cannot deactivate your own account');
    const offline = createAdminApi(
      '',
      () => 't',
      async () => {
        throw new TypeError('Failed to fetch');
      },
    );
    await expect(offline.listUsers()).rejects.toThrow('The server cannot be reached: this needs a connection.');
    const garbled = createAdminApi(
      '',
      () => 't',
      async () => respond(200, [{ id: 1 }]),
    );
    await expect(garbled.listUsers()).rejects.toThrow('does not understand');
  });
});

describe('the staff list entry of a person', () => {
  const jo = { id: 'u-jo', displayName: 'Jo Smith', roles: ['billing'] as Role[], locationIds: ['loc-main'] };

  it('follows the account: name, first working role, locations, the teams’ queues; not out', () => {
    expect(staffEntryOf(jo)).toEqual({
      userId: 'u-jo',
      displayName: 'Jo Smith',
      role: 'billing',
      locationIds: ['loc-main'],
      queues: ['billing'],
      out: false,
    });
    const both = staffEntryOf({ ...jo, roles: ['admin', 'clinical_support', 'front_desk'] });
    expect(both.role).toBe('front_desk');
    expect(both.queues.sort()).toEqual(['clinical_support', 'front_desk', 'practice_ops']);
    expect(staffEntryOf({ ...jo, roles: ['admin'] })).toMatchObject({ role: 'admin', queues: [] });
  });

  it('keeps what the practice set on the entry: its queues and whether the person is out', () => {
    const existing = {
      userId: 'u-jo',
      displayName: 'Jo',
      role: 'billing' as const,
      locationIds: ['loc-main'],
      queues: ['practice_ops'],
      out: true,
    };
    expect(staffEntryOf({ ...jo, roles: ['referrals'], locationIds: ['loc-2'] }, existing)).toEqual({
      userId: 'u-jo',
      displayName: 'Jo Smith',
      role: 'referrals',
      locationIds: ['loc-2'],
      queues: ['practice_ops'],
      out: true,
    });
    expect(StaffMember.safeParse(staffEntryOf(jo)).success).toBe(true);
  });
});

describe('adding a person and resetting a password', () => {
  const draft: NewPersonDraft = {
    username: ' jsmith ',
    displayName: 'Jo Smith',
    roles: ['billing', 'front_desk'],
    locationIds: ['loc-main'],
    password: 'temporary-pw-12',
  };

  it('checks the new person as the server will, roles in the policy’s order', () => {
    expect(newPersonRequest(draft)).toEqual({ ok: true, value: { ...draft, username: 'jsmith', roles: ['front_desk', 'billing'] } });
    expect(newPersonRequest({ ...draft, username: ' ' })).toEqual({ ok: false, message: 'Enter a username.' });
    expect(newPersonRequest({ ...draft, displayName: '' })).toEqual({ ok: false, message: 'Enter the name people see.' });
    expect(newPersonRequest({ ...draft, roles: [] })).toEqual({ ok: false, message: 'Give at least one role.' });
    expect(newPersonRequest({ ...draft, locationIds: [] })).toEqual({ ok: false, message: 'Choose at least one location.' });
    expect(newPersonRequest({ ...draft, password: 'short' })).toEqual({
      ok: false,
      message: 'The password must be at least 12 characters',
    });
    expect(newPersonRequest({ ...draft, username: 'jo smith' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Letters, digits'),
    });
    expect(checkedPassword('short')).toEqual({ ok: false, message: 'The password must be at least 12 characters' });
    expect(checkedPassword('long-enough-pw')).toEqual({ ok: true, value: 'long-enough-pw' });
  });

  it('generates temporary passwords the server accepts, each different', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-HJ-NP-Za-km-z2-9]{18}$/);
    expect(checkedPassword(a).ok).toBe(true);
    expect(generatePassword()).not.toBe(a);
  });

  it('posts the new person and the reset with the session token', async () => {
    const jo: AdminUser = {
      id: 'u-jo',
      username: 'jsmith',
      displayName: 'Jo Smith',
      roles: ['billing'],
      locationIds: ['loc-main'],
      active: true,
    };
    const doFetch = vi.fn(async (url: string | URL | Request, _init?: RequestInit) =>
      requestUrl(url).endsWith('/api/admin/users')
        ? new Response(JSON.stringify(jo), { status: 201 })
        : new Response(JSON.stringify({ ok: true }), { status: 200 }),
    );
    const api = createAdminApi('http://server', () => 'tok-admin', doFetch);
    const body = {
      username: 'jsmith',
      displayName: 'Jo Smith',
      roles: ['billing' as const],
      locationIds: ['loc-main'],
      password: 'temporary-pw-12',
    };
    expect(await api.createUser(body)).toEqual(jo);
    expect(doFetch.mock.lastCall?.[1]).toMatchObject({
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: 'Bearer tok-admin' },
    });
    await api.resetPassword('u-jo', 'another-temp-pw');
    expect(doFetch.mock.lastCall?.[0]).toBe('http://server/api/admin/users/u-jo/password');
    expect(doFetch.mock.lastCall?.[1]).toMatchObject({ method: 'POST', body: '{"password":"another-temp-pw"}' });
    const taken = createAdminApi(
      '',
      () => 't',
      async () => new Response(JSON.stringify({ error: 'conflict', message: 'The username jsmith is already taken' }), { status: 409 }),
    );
    await expect(taken.createUser(body)).rejects.toThrow('The username jsmith is already taken');
  });
});
