// PATCH /api/admin/users/:id on SQLite and PostgreSQL: admins only, zod-checked, audited, and the
// user's next pull follows (the sign-in answer and the pull both see the new roles at once).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../app';
import { loadConfig } from '../config';
import { patchUser } from '../../tests/support/admin-access';
import { signIn, type Api } from '../../tests/support/api';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';

describe.each(['sqlite', 'postgres'] as const)('admin user access on %s', (kind) => {
  let server: BatonServer;
  let base: string;
  let admin: Api;
  let pgUrl: string | undefined;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-admin-users-'));
    pgUrl = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    server = await createServer(loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', ...(pgUrl ? { BATON_DATABASE_URL: pgUrl } : {}) }));
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await signIn(base, 'admin');
  });
  afterAll(async () => {
    await server?.close();
    if (pgUrl) await dropPostgresDatabase(pgUrl);
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
    expect(answer).toMatchObject({ status: 200, body: { id: 'u-billing', roles: ['front_desk', 'billing'], role: 'front_desk', locationIds: ['loc-main'] } });
    const entries = await server.storage.readAudit({ afterId: mark, limit: 100 });
    expect(entries.map((e) => [e.actorId, e.action, e.docId, e.before, e.after])).toEqual([
      ['u-admin', 'user_access_changed', 'u-billing', { roles: ['billing'], locationIds: ['loc-main'] }, { roles: ['front_desk', 'billing'], locationIds: ['loc-main'] }],
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
});
