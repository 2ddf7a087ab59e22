// Leakage: two users with different scopes replicate from one real server into Node RxDB
// workstations. After each phase of a mixed workload (creates, moves between queues,
// reassignments, changes the users make themselves, role and location changes through the admin
// API) each replica holds exactly the tasks its user may read, as the policy computes it from the
// server's full view, and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTask, updateTask } from '../../renderer/db/tasks';
import { buildPracticeConfig } from '../../shared/config/practice';
import type { ConfigDoc } from '../../shared/config/schemas';
import { taskAccess, type PolicyUser } from '../../shared/policy';
import type { Task } from '../../shared/task';
import type { Role } from '../../shared/wire';
import { addLocation, patchUser } from '../support/admin-access';
import { newTaskDoc, signIn, type Api } from '../support/api';
import { eventually, openWorkstation, type Workstation } from '../support/node-workstation';
import { startServer, type RunningServer } from '../support/server-process';

let server: RunningServer;
let admin: Api;
let manager: Api;
let frontDesk: Workstation;
let billing: Workstation;
const scopes = new Map<Workstation, PolicyUser>();

/** What the policy lets `user` read, from every task the server holds (the manager reads them all). */
async function readableBy(user: PolicyUser): Promise<Map<string, number>> {
  const config = buildPracticeConfig((await manager.pullAll('config', 1000)).documents as ConfigDoc[]);
  const tasks = (await manager.pullAll('tasks', 5000)).documents.filter((d) => !d._deleted) as Task[];
  return new Map(tasks.filter((t) => taskAccess(user, t, config) !== 'none').map((t) => [t.id, t.rev]));
}

async function replica(ws: Workstation): Promise<Map<string, number>> {
  return new Map((await ws.db.tasks.find().exec()).map((d) => [d.id, d.rev]));
}

const same = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([id, rev]) => b.get(id) === rev);

/** Waits for the replica to settle on the policy's answer, then asserts it (ids and revisions). */
async function expectExactScope(ws: Workstation): Promise<void> {
  const user = scopes.get(ws)!;
  await eventually(
    async () => same(await replica(ws), await readableBy(user)),
    20_000,
    `${ws.user.username}'s replica to match its scope`,
  ).catch(() => undefined);
  const [held, allowed] = [await replica(ws), await readableBy(user)];
  expect(
    [...held.keys()].filter((id) => !allowed.has(id)),
    'tasks held but not readable',
  ).toEqual([]);
  expect(
    [...allowed.keys()].filter((id) => !held.has(id)),
    'readable tasks missing',
  ).toEqual([]);
  expect(held).toEqual(allowed);
}

async function changeAccess(ws: Workstation, body: { roles?: Role[]; locationIds?: string[] }): Promise<void> {
  const answer = await patchUser(server.url, admin, ws.user.id, body);
  expect(answer.status).toBe(200);
  scopes.set(ws, { id: ws.user.id, roles: answer.body.roles, locationIds: answer.body.locationIds });
}

const managerPush = async (rows: unknown[]) => {
  const answer = await manager.post('/api/sync/tasks/push', rows);
  expect(answer).toMatchObject({ status: 200, body: [] });
};
const serverTask = async (id: string) => (await manager.pullAll('tasks', 5000)).documents.find((d) => d.id === id) as Task;
const moveOnServer = async (id: string, patch: Partial<Task>) => {
  const current = await serverTask(id);
  await managerPush([{ assumedMasterState: current, newDocumentState: { ...current, ...patch, pendingSync: true } }]);
};

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.url, 'admin');
  manager = await signIn(server.url, 'manager');
  await addLocation(admin, 'loc-north');
  frontDesk = await openWorkstation(server.url, { username: 'frontdesk', pullBatchSize: 25 });
  billing = await openWorkstation(server.url, { username: 'billing', pullBatchSize: 25 });
  for (const ws of [frontDesk, billing]) scopes.set(ws, { id: ws.user.id, roles: ws.user.roles, locationIds: ws.user.locationIds ?? [] });
  await Promise.all([frontDesk.connected(), billing.connected()]);
});
afterAll(async () => {
  await frontDesk?.close();
  await billing?.close();
  await server?.stop();
});

describe('leakage: each replica holds exactly what its user may read', () => {
  const ids: Record<string, string> = {};

  it('after the first replication, each user has their own queue and nothing else', async () => {
    await expectExactScope(frontDesk);
    await expectExactScope(billing);
    expect((await replica(frontDesk)).size).toBeGreaterThan(0);
    expect((await replica(billing)).size).toBeGreaterThan(0);
  });

  it('after creates in several queues, moves between queues and reassignments', async () => {
    const docs = {
      fd: newTaskDoc({ title: 'Front desk work', queue: 'front_desk', status: 'new', ownerId: '' }),
      bill: newTaskDoc({ title: 'Billing work', queue: 'billing', status: 'new', ownerId: '' }),
      ref: newTaskDoc({ title: 'Referral work', queue: 'referrals', status: 'new', ownerId: '' }),
      handed: newTaskDoc({ title: 'Billing work handed to the front desk', queue: 'billing', status: 'new', ownerId: 'u-frontdesk' }),
    };
    await managerPush(Object.values(docs).map((d) => ({ newDocumentState: d })));
    Object.entries(docs).forEach(([k, d]) => (ids[k] = d.id));
    await expectExactScope(frontDesk);
    await expectExactScope(billing);
    expect((await replica(frontDesk)).has(ids.handed)).toBe(true);

    await moveOnServer(ids.fd, { queue: 'billing' });
    await moveOnServer(ids.bill, { queue: 'front_desk' });
    await moveOnServer(ids.handed, { ownerId: 'u-referrals' });
    await moveOnServer(ids.ref, { ownerId: 'u-billing' });
    await expectExactScope(frontDesk);
    await expectExactScope(billing);
    expect((await replica(frontDesk)).has(ids.handed)).toBe(false);
    expect((await replica(billing)).has(ids.ref)).toBe(true);
  });

  it('after the users themselves file work for another team and route a task away', async () => {
    const filed = await createTask(
      frontDesk.db,
      {
        title: 'Filed for billing',
        typeId: 'claim_status_check',
        queue: 'billing',
        locationId: 'loc-main',
        priority: 'normal',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        channel: 'phone',
        patientRef: 'MRN 4242 Q.R.',
      },
      { id: frontDesk.user.id, displayName: frontDesk.user.displayName },
    );
    const routed = (await frontDesk.db.tasks.findOne({ selector: { queue: 'front_desk', ownerId: { $ne: 'u-frontdesk' } } }).exec())!.id;
    await updateTask(frontDesk.db, routed, { queue: 'referrals' });
    await eventually(async () => (await frontDesk.db.tasks.count({ selector: { pendingSync: true } }).exec()) === 0, 15_000, 'upload');
    await expectExactScope(frontDesk);
    await expectExactScope(billing);
    expect((await replica(frontDesk)).has(filed.id)).toBe(false);
    expect((await replica(billing)).has(filed.id)).toBe(true);
    expect((await serverTask(routed)).queue).toBe('referrals');
  });

  it('after role and location changes through the admin API', async () => {
    await changeAccess(frontDesk, { roles: ['front_desk', 'billing'] });
    await expectExactScope(frontDesk);
    expect((await replica(frontDesk)).has(ids.fd)).toBe(true);

    await changeAccess(billing, { roles: ['referrals'] });
    await expectExactScope(billing);
    expect((await replica(billing)).has(ids.fd)).toBe(false);

    await moveOnServer(ids.ref, { queue: 'clinician', ownerId: '' });
    await changeAccess(frontDesk, { roles: ['billing'], locationIds: ['loc-north'] });
    await expectExactScope(frontDesk);
    await expectExactScope(billing);
    // Nothing left at loc-main but what the front desk owns (owners read their tasks anywhere).
    const left = await frontDesk.db.tasks.find().exec();
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((t) => t.ownerId !== 'u-frontdesk')).toEqual([]);
  });
});
