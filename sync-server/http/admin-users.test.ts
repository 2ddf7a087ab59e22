// The admin's user API on SQLite and PostgreSQL: GET /api/admin/users lists people (no secrets);
// PATCH /api/admin/users/:id is admins only, zod-checked, audited, and the user's next pull
// follows (the sign-in answer, GET /api/auth/me and the pull all see the new roles at once).
// POST /api/admin/users adds a person; POST /api/admin/users/:id/password resets a password and
// ends the person's sessions; both audited without the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatonServer } from '../app';
import { patchUser } from '../../tests/support/admin-access';
import { signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { AdminUser, AdminUserList, ChangeEvent, LoginResponse, PublicUser } from '../../shared/wire';

describe.each(['sqlite', 'postgres'] as const)('admin user access on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let base: string;
  let admin: Api;

  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    ({ server, base } = running);
    admin = await signIn(base, 'admin');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('refuses non-admins, unknown users, bad bodies, unknown locations and an admin demoting themselves', async () => {
    const manager = await signIn(base, 'manager');
    expect((await patchUser(base, manager, 'u-billing', { roles: ['manager'] })).status).toBe(403);
    expect((await patchUser(base, admin, 'u-nobody', { roles: ['billing'] })).status).toBe(404);
    for (const body of [{}, { roles: [] }, { roles: ['wizard'] }, { locationIds: [] }, { roles: ['billing'], extra: 1 }]) {
      expect((await patchUser(base, admin, 'u-billing', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await patchUser(base, admin, 'u-billing', { locationIds: ['loc-nowhere'] })).body.message).toContain('Unknown location');
    expect((await patchUser(base, admin, 'u-admin', { roles: ['manager'] })).status).toBe(400);
    expect((await server.storage.getUser('u-billing'))?.roles).toEqual(['billing']);
  });

  it('changes roles (audited with before and after); the next pull and sign-in follow', async () => {
    const billing = await signIn(base, 'billing');
    const before = (await billing.pullAll('tasks', 1000)).documents.filter((d) => !d._deleted);
    expect(before.every((d) => d.queue === 'billing' || d.ownerId === 'u-billing')).toBe(true);
    const first = await billing.pullAll('tasks', 1000);
    const mark = (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).at(-1)!.id;

    const answer = await patchUser(base, admin, 'u-billing', { roles: ['billing', 'front_desk', 'billing'] });
    expect(answer).toMatchObject({
      status: 200,
      body: { id: 'u-billing', roles: ['front_desk', 'billing'], role: 'front_desk', locationIds: ['loc-main'] },
    });
    const entries = await server.storage.readAudit({ afterId: mark, limit: 100 });
    expect(entries.map((e) => [e.actorId, e.action, e.docId, e.before, e.after])).toEqual([
      [
        'u-admin',
        'user_access_changed',
        'u-billing',
        { roles: ['billing'], locationIds: ['loc-main'] },
        { roles: ['front_desk', 'billing'], locationIds: ['loc-main'] },
      ],
    ]);

    // The old checkpoint no longer matches the scope: the pull starts over and brings the front desk's queue.
    const next = await billing.pullAll('tasks', 1000, first.checkpoint);
    expect(next.documents.some((d) => d.queue === 'front_desk' && !d._deleted)).toBe(true);
    const login = await billing.post('/api/auth/login', { username: 'billing', password: 'baton-demo' }, null);
    expect(login.body.user).toMatchObject({ roles: ['front_desk', 'billing'] });

    // Taken away again: the queue's tasks come back as removals.
    const afterGain = next.checkpoint;
    await patchUser(base, admin, 'u-billing', { roles: ['billing'] });
    const lost = await billing.pullAll('tasks', 1000, afterGain);
    const removed = lost.documents.filter((d) => d.queue === 'front_desk' && d.ownerId !== 'u-billing');
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((d) => d._deleted && d.patientRef === '' && d.title === '')).toBe(true);
  });

  it('lists every user with roles, locations and active state, and nothing else (admins only)', async () => {
    expect((await admin.get('/api/admin/users', null)).status).toBe(401);
    const manager = await signIn(base, 'manager');
    expect((await manager.get('/api/admin/users')).status).toBe(403);

    const answer = await admin.get('/api/admin/users');
    expect(answer.status).toBe(200);
    const users = AdminUserList.parse(answer.body);
    for (const raw of answer.body as Record<string, unknown>[]) {
      expect(Object.keys(raw).sort()).toEqual(['active', 'displayName', 'id', 'locationIds', 'roles', 'username']);
    }
    expect(JSON.stringify(answer.body)).not.toMatch(/hash|password|\$argon|\$scrypt/i);
    expect(users.length).toBe(await server.storage.countUsers());
    expect(users.find((u) => u.id === 'u-frontdesk')).toEqual({
      id: 'u-frontdesk',
      username: 'frontdesk',
      displayName: 'Maria Lopez',
      roles: ['front_desk'],
      locationIds: ['loc-main'],
      active: true,
    });
    const names = users.map((u) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    // The list follows a deactivation and an activation; an admin cannot deactivate themselves.
    const deactivate = await admin.post('/api/admin/users/u-referrals/deactivate', {});
    expect(deactivate.status).toBe(200);
    const listed = async () => AdminUserList.parse((await admin.get('/api/admin/users')).body).find((u) => u.id === 'u-referrals');
    expect((await listed())?.active).toBe(false);
    await admin.post('/api/admin/users/u-referrals/activate', {});
    expect((await listed())?.active).toBe(true);
    const self = await admin.post('/api/admin/users/u-admin/deactivate', {});
    expect(self).toMatchObject({ status: 400, body: { message: 'You cannot deactivate your own account' } });
  });

  it('GET /api/auth/me answers the token’s user as they are now, without signing in again', async () => {
    const clinical = await signIn(base, 'clinicalsupport');
    expect((await clinical.get('/api/auth/me', null)).status).toBe(401);
    const before = PublicUser.parse((await clinical.get('/api/auth/me')).body);
    expect(before).toMatchObject({ id: clinical.userId, roles: ['clinical_support'], role: 'clinical_support', locationIds: ['loc-main'] });

    // The user's open stream is told its scope changed (the workstation then re-reads /api/auth/me).
    const controller = new AbortController();
    const stream = (
      await fetch(`${base}/api/sync/stream`, { headers: { authorization: `Bearer ${clinical.token}` }, signal: controller.signal })
    ).body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += new TextDecoder().decode((await stream.read()).value);
      return pattern.exec(text)!;
    };
    await readUntil(/event: hello/);
    await patchUser(base, admin, clinical.userId, { roles: ['clinical_support', 'billing'] });
    const frame = await readUntil(/event: change\ndata: (.*)\n\n/);
    expect(ChangeEvent.parse(JSON.parse(frame[1]))).toMatchObject({
      scope: true,
      collections: expect.arrayContaining(['tasks', 'config']),
    });
    controller.abort();
    const after = await clinical.get('/api/auth/me');
    expect(after.status).toBe(200);
    expect(PublicUser.parse(after.body).roles).toEqual(['billing', 'clinical_support']);
    expect(JSON.stringify(after.body)).not.toMatch(/hash|password/i);

    // A deactivated account's token no longer answers.
    await admin.post(`/api/admin/users/${clinical.userId}/deactivate`, {});
    expect((await clinical.get('/api/auth/me')).status).toBe(401);
    await admin.post(`/api/admin/users/${clinical.userId}/activate`, {});
  });

  const loginWith = async (username: string, password: string) => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, workstationId: 'ws-new' }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const newPerson = {
    username: 'jsmith',
    displayName: 'Jo Smith',
    roles: ['billing'],
    locationIds: ['loc-main'],
    password: 'first-temporary-pw',
  };

  it('adds a person (admins only, zod-checked, own locations only, 409 on a taken name) who can then sign in', async () => {
    expect((await admin.post('/api/admin/users', newPerson, null)).status).toBe(401);
    const manager = await signIn(base, 'manager');
    expect((await manager.post('/api/admin/users', newPerson)).status).toBe(403);
    for (const body of [
      {},
      { ...newPerson, password: 'short-pw' },
      { ...newPerson, roles: [] },
      { ...newPerson, roles: ['wizard'] },
      { ...newPerson, locationIds: [] },
      { ...newPerson, username: 'has space' },
      { ...newPerson, displayName: '  ' },
      { ...newPerson, extra: 1 },
    ]) {
      expect((await admin.post('/api/admin/users', body)).status, JSON.stringify({ ...body, password: undefined })).toBe(400);
    }
    // Not a location this admin administers.
    expect((await admin.post('/api/admin/users', { ...newPerson, locationIds: ['loc-main', 'loc-elsewhere'] })).status).toBe(403);
    expect((await admin.post('/api/admin/users', { ...newPerson, username: 'FrontDesk' })).status).toBe(409);
    expect(await server.storage.findUserByUsername('jsmith')).toBeUndefined();

    const mark = (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).at(-1)!.id;
    const created = await admin.post('/api/admin/users', { ...newPerson, roles: ['billing', 'front_desk'] });
    expect(created.status).toBe(201);
    const user = AdminUser.parse(created.body);
    expect(user).toMatchObject({
      username: 'jsmith',
      displayName: 'Jo Smith',
      roles: ['front_desk', 'billing'],
      locationIds: ['loc-main'],
      active: true,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/hash|password|argon/i);
    expect((await server.storage.getUser(user.id))?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await admin.post('/api/admin/users', { ...newPerson, username: 'JSmith' })).body).toMatchObject({
      error: 'conflict',
      message: expect.stringContaining('already taken'),
    });

    const entries = await server.storage.readAudit({ afterId: mark, limit: 100 });
    expect(entries.map((e) => [e.actorId, e.action, e.docId, e.after])).toEqual([
      [
        'u-admin',
        'user_created',
        user.id,
        { username: 'jsmith', displayName: 'Jo Smith', roles: ['front_desk', 'billing'], locationIds: ['loc-main'] },
      ],
    ]);
    expect(JSON.stringify(entries)).not.toContain(newPerson.password);

    const login = await loginWith('jsmith', newPerson.password);
    expect(login.status).toBe(200);
    expect(LoginResponse.parse(login.body)).toMatchObject({
      user: { id: user.id, roles: ['front_desk', 'billing'] },
      passwordTemporary: true,
    });
    // A demo user's password is their own.
    expect(LoginResponse.parse((await loginWith('billing', 'baton-demo')).body).passwordTemporary).toBe(false);
    expect(AdminUserList.parse((await admin.get('/api/admin/users')).body).some((u) => u.id === user.id)).toBe(true);
  });

  it('resets a password: the old one fails, the new one works, the person’s sessions end; audited without it', async () => {
    const id = (await server.storage.findUserByUsername('jsmith'))!.id;
    const session = LoginResponse.parse((await loginWith('jsmith', newPerson.password)).body);
    const me = () => fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${session.token}` } }).then((r) => r.status);
    expect(await me()).toBe(200);

    const manager = await signIn(base, 'manager');
    expect((await manager.post(`/api/admin/users/${id}/password`, { password: 'second-temporary-pw' })).status).toBe(403);
    expect((await admin.post(`/api/admin/users/${id}/password`, { password: 'too-short' })).status).toBe(400);
    expect((await admin.post(`/api/admin/users/${id}/password`, { password: 'second-temporary-pw', extra: 1 })).status).toBe(400);
    expect((await admin.post('/api/admin/users/u-nobody/password', { password: 'second-temporary-pw' })).status).toBe(404);
    expect(await me()).toBe(200);

    const mark = (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).at(-1)!.id;
    expect(await admin.post(`/api/admin/users/${id}/password`, { password: 'second-temporary-pw' })).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect(await me()).toBe(401);
    const refresh = await fetch(`${base}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(refresh.status).toBe(401);
    expect((await loginWith('jsmith', newPerson.password)).status).toBe(401);
    const after = await loginWith('jsmith', 'second-temporary-pw');
    expect(after.status).toBe(200);
    expect(LoginResponse.parse(after.body).passwordTemporary).toBe(true);
    // The keyring's escrow secret is the person's, the same across the reset (their replica survives).
    const keySecret = LoginResponse.parse(after.body).keySecret;
    expect(keySecret).toMatch(/^[0-9a-f]{64}$/);
    expect(keySecret).toBe(session.keySecret);
    expect(keySecret).not.toBe(LoginResponse.parse((await loginWith('billing', 'baton-demo')).body).keySecret);

    const entries = await server.storage.readAudit({ afterId: mark, limit: 100 });
    // Two live sessions: this one and the first test's sign-in.
    const reset = entries.filter((e) => e.action === 'user_password_reset');
    expect(reset.map((e) => [e.actorId, e.docId, e.after])).toEqual([['u-admin', id, { revokedSessions: 2 }]]);
    expect(JSON.stringify(entries)).not.toMatch(/second-temporary-pw|first-temporary-pw|argon/);
  });
});
