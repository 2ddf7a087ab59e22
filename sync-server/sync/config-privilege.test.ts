// Least privilege in the configuration, from a client that skips the UI: every write is parsed
// strictly (unknown keys refused, bodies stored cut to their schema) and checked field by field
// against the author's roles (managers mark people out; admins change anything).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

describe.each(['sqlite', 'postgres'] as const)('configuration writes on %s', (kind) => {
  let running: InProcessServer;
  let admin: Api;
  let manager: Api;

  beforeAll(async () => {
    running = await startInProcess(kind);
    admin = await signIn(running.base, 'admin');
    manager = await signIn(running.base, 'manager');
  });
  afterAll(async () => running?.close());

  const stored = async (id: string) =>
    (await running.server.storage.getDoc('config', id))?.data as { body: Record<string, unknown>; rev: number } | undefined;
  const entry = async (id: string) => (await admin.pullAll('config', 1000)).documents.find((d) => d.id === id);
  const push = (who: Api, before: unknown, after: unknown) =>
    who.post('/api/sync/config/push', [{ assumedMasterState: before, newDocumentState: after }]);
  const lastRejection = async (who: Api) => (await who.pullAll('rejections', 1000)).documents.at(-1);

  it('a manager may mark a person out (and back), and nothing else changes', async () => {
    const staff = await entry('staff:u-billing');
    const out = { ...staff, body: { ...staff.body, out: true } };
    expect(await push(manager, staff, out)).toEqual({ status: 200, body: [] });
    expect((await stored('staff:u-billing'))!.body).toEqual({ ...staff.body, out: true });
    const now = await entry('staff:u-billing');
    expect(await push(manager, now, { ...now, body: { ...now.body, out: false } })).toEqual({ status: 200, body: [] });
    expect((await stored('staff:u-billing'))!.body.out).toBe(false);
  });

  it.each([
    ['role', { role: 'admin' }],
    ['queues', { queues: ['front_desk', 'billing', 'clinician'] }],
    ['name', { displayName: 'Someone Else' }],
    ['name and out together', { displayName: 'Someone Else', out: true }],
  ])('a manager changing a staff entry’s %s is refused and nothing is stored', async (_what, patch) => {
    const staff = await entry('staff:u-frontdesk');
    const before = await stored('staff:u-frontdesk');
    const answer = await push(manager, staff, { ...staff, body: { ...staff.body, ...patch } });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/may change only out, outFrom, outTo, coveredBy of a staff entry/);
    expect(answer.body.documents).toEqual([staff]);
    expect(await stored('staff:u-frontdesk')).toEqual(before);
  });

  it('a manager may not add, remove or move entries, nor touch other kinds', async () => {
    const staff = await entry('staff:u-referrals');
    const added = { ...staff, id: 'staff:u-new', body: { ...staff.body, userId: 'u-new' }, rev: 0 };
    expect((await push(manager, undefined, added)).status).toBe(403);
    expect(await stored('staff:u-new')).toBeUndefined();
    expect((await push(manager, staff, { ...staff, _deleted: true })).status).toBe(403);
    expect((await push(manager, staff, { ...staff, locationId: 'loc-main' })).status).toBe(403);
    const queue = await entry('queue:billing');
    expect((await push(manager, queue, { ...queue, body: { label: 'Renamed' } })).status).toBe(403);
    expect((await stored('queue:billing'))!.body).toEqual(queue.body);
  });

  it('a stale manager edit that merges is checked too: the merged change is still only "out"', async () => {
    const staff = await entry('staff:u-clinician');
    // The admin renames meanwhile; the manager's edit from the older state marks out only.
    expect((await push(admin, staff, { ...staff, body: { ...staff.body, displayName: 'Dr. A. Chen' } })).body).toEqual([]);
    expect((await push(manager, staff, { ...staff, body: { ...staff.body, out: true } })).status).toBe(200);
    expect((await stored('staff:u-clinician'))!.body).toMatchObject({ displayName: 'Dr. A. Chen', out: true });
  });

  it('a 100 KB unknown key is refused, from an admin too, and nothing of it is stored', async () => {
    const queue = await entry('queue:front_desk');
    const before = await stored('queue:front_desk');
    const padded = { ...queue, body: { ...queue.body, notes: 'x'.repeat(100 * 1024) } };
    const answer = await push(admin, queue, padded);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([queue]);
    expect(await stored('queue:front_desk')).toEqual(before);
    const rejection = await lastRejection(admin);
    expect(rejection).toMatchObject({ code: 'invalid_document', docId: 'queue:front_desk' });
    expect(rejection.message).toMatch(/unknown field "body\.notes"/);
    // A nested unknown key as well, and on a new entry.
    const location = await entry('location:loc-main');
    const nested = {
      ...location,
      id: 'location:loc-x',
      rev: 0,
      body: { ...location.body, businessHours: { ...location.body.businessHours, extra: 1 } },
    };
    expect((await push(admin, undefined, nested)).body).toEqual([{ ...nested, _deleted: true }]);
    expect(await stored('location:loc-x')).toBeUndefined();
    expect((await lastRejection(admin)).message).toMatch(/unknown field "body\.businessHours\.extra"/);
  });

  it('an admin changes anything, and bodies are stored cut to their schema (defaults filled in)', async () => {
    const location = await entry('location:loc-main');
    const { lockAfterMinutes: _l, offlineSignInHours: _o, ...older } = location.body;
    const created = { ...location, id: 'location:loc-y', rev: 0, body: { ...older, label: 'Y' } };
    expect((await push(admin, undefined, created)).body).toEqual([]);
    expect((await stored('location:loc-y'))!.body).toEqual({ ...older, label: 'Y', lockAfterMinutes: 5, offlineSignInHours: 72 });
    const staff = await entry('staff:u-referrals');
    expect((await push(admin, staff, { ...staff, body: { ...staff.body, role: 'billing', queues: ['billing'] } })).body).toEqual([]);
    expect((await stored('staff:u-referrals'))!.body).toMatchObject({ role: 'billing', queues: ['billing'] });
  });
});
