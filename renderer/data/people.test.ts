import { describe, expect, it, vi } from 'vitest';
import type { AdminUser } from '../../shared/wire';
import { createAdminApi } from './admin-api';
import { accessPatch, draftOf, locationChoices, toggleLocation, toggleRole } from './people';

const maria: AdminUser = { id: 'u-frontdesk', username: 'frontdesk', displayName: 'Maria Lopez', roles: ['front_desk'], locationIds: ['loc-main'], active: true };

describe('the people & roles form', () => {
  it('sends only what changed, roles in the policy’s order', () => {
    const draft = draftOf(maria);
    expect(accessPatch(maria, draft)).toEqual({ ok: true, patch: null });
    const roles = toggleRole(toggleRole(draft.roles, 'billing', true), 'billing', true);
    expect(roles).toEqual(['front_desk', 'billing']);
    expect(accessPatch(maria, { ...draft, roles: ['billing', 'front_desk'] })).toEqual({ ok: true, patch: { roles: ['front_desk', 'billing'] } });
    const locationIds = toggleLocation(draft.locationIds, 'loc-north', true);
    expect(accessPatch(maria, { roles: draft.roles, locationIds })).toEqual({ ok: true, patch: { locationIds: ['loc-main', 'loc-north'] } });
    expect(accessPatch(maria, { roles: ['billing'], locationIds: ['loc-north'] })).toEqual({ ok: true, patch: { roles: ['billing'], locationIds: ['loc-north'] } });
  });

  it('refuses no role or no location', () => {
    expect(accessPatch(maria, { roles: toggleRole(['front_desk'], 'front_desk', false), locationIds: ['loc-main'] })).toEqual({ ok: false, message: 'Give at least one role.' });
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
  const respond = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('lists people (checked), patches access and (de)activates with the session token', async () => {
    const doFetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      const path = String(url);
      if (path.endsWith('/api/admin/users')) return respond(200, [{ ...maria, passwordHash: 'never shown' }]);
      if (init?.method === 'PATCH') return respond(200, { ...maria, role: 'front_desk', roles: ['front_desk', 'billing'] });
      return respond(200, { ok: true });
    });
    const api = createAdminApi('http://server', () => 'tok-admin', doFetch as typeof fetch);
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
    const refusing = createAdminApi('', () => 't', (async () => respond(400, { error: 'bad_request', message: 'You cannot deactivate your own account' })) as typeof fetch);
    await expect(refusing.setUserActive('u-admin', false)).rejects.toThrow('You cannot deactivate your own account');
    const offline = createAdminApi('', () => 't', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    await expect(offline.listUsers()).rejects.toThrow('The server cannot be reached: this needs a connection.');
    const garbled = createAdminApi('', () => 't', (async () => respond(200, [{ id: 1 }])) as typeof fetch);
    await expect(garbled.listUsers()).rejects.toThrow('does not understand');
  });
});
