// Several server instances on one PostgreSQL database, end to end: two real server processes (A and
// B, the same secrets from the environment) and workstations (the renderer's replica and
// replication client in Node) on different instances. What one instance accepts, the other's
// readers get through its live stream; a person deactivated or a session revoked through A is
// refused on B and B's streams close; a scope change through A reaches a workstation on B; sign-in
// failures count on both; and B's change feed losing its LISTEN connection loses no change.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTask, updateTask } from '../../renderer/db/tasks';
import { SECRETS } from '../../sync-server/secrets/secrets';
import { dropPostgresDatabase, freshPostgresUrl, testServerUrl } from '../../sync-server/storage/test-postgres';
import { patchUser } from '../support/admin-access';
import { signIn } from '../support/api';
import { bundled } from '../support/bundle';
import { postFrom } from '../support/from-address';
import { eventually, openWorkstation, type Workstation } from '../support/node-workstation';
import { actorOf, draft, getTask } from '../support/replication-harness';
import { startServer, type RunningServer } from '../support/server-process';

let url: string;
let a: RunningServer;
let b: RunningServer;
const open: Workstation[] = [];

beforeAll(async () => {
  url = await freshPostgresUrl();
  const bundle = await bundled('sync-server/main.ts');
  const env = {
    BATON_DATABASE_URL: url,
    ...Object.fromEntries(Object.values(SECRETS).map((s) => [s.env, randomBytes(32).toString('hex')])),
  };
  // A seeds the demo practice; B starts on the database A filled.
  a = await startServer({ bundle, env });
  b = await startServer({ bundle, env });
}, 120_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((ws) => ws.close()));
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (url) await dropPostgresDatabase(url);
});

async function workstation(server: RunningServer, username: string): Promise<Workstation> {
  const ws = await openWorkstation(server.url, { username });
  open.push(ws);
  await ws.sync.awaitInSync();
  await ws.connected();
  return ws;
}

/** An event stream opened on `server` with `token`; `ended` resolves when the server closes it. */
async function openStream(server: RunningServer, token: string): Promise<{ ended: Promise<void> }> {
  const response = await fetch(`${server.url}/api/sync/stream`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return;
  })();
  return { ended };
}

async function onCluster<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
const databaseName = () => decodeURIComponent(url.split('?')[0].split('/').pop()!);

describe('two server instances on one PostgreSQL database', () => {
  it('an edit accepted by A reaches a workstation on B through B’s live stream, and back', async () => {
    const onA = await workstation(a, 'frontdesk');
    const onB = await workstation(b, 'manager');
    const task = await createTask(onA.db, draft('Filed on A'), actorOf(onA));
    await eventually(async () => (await getTask(onB, task.id))?.title === 'Filed on A', 20_000, 'the task on B');
    await updateTask(onB.db, task.id, { status: 'in_progress', ownerId: onB.user.id, category: 'records' });
    await eventually(async () => (await getTask(onA, task.id))?.status === 'in_progress', 20_000, 'the edit on A');
  }, 60_000);

  it('a scope change made through A reaches the person’s workstation on B without a new sign-in', async () => {
    const onB = await workstation(b, 'frontdesk');
    const billingTasks = async () => (await onB.db.tasks.find().exec()).filter((t) => t.queue === 'billing').length;
    expect(await billingTasks()).toBe(0);
    const admin = await signIn(a.url, 'admin');
    expect((await patchUser(a.url, admin, 'u-frontdesk', { roles: ['front_desk', 'billing'] })).status).toBe(200);
    await eventually(async () => (await billingTasks()) > 0, 20_000, 'billing tasks on B');
    expect((await patchUser(a.url, admin, 'u-frontdesk', { roles: ['front_desk'] })).status).toBe(200);
    await eventually(async () => (await billingTasks()) === 0, 20_000, 'billing tasks gone from B');
  }, 60_000);

  it('a session revoked and a person deactivated through A are refused on B, and B closes their streams', async () => {
    const admin = await signIn(a.url, 'admin');
    const revokedOne = await signIn(b.url, 'clinicalsupport', 'ws-revoked');
    const stream = await openStream(b, revokedOne.token);
    expect((await revokedOne.get('/api/auth/me')).status).toBe(200);
    const sessions = await admin.get('/api/admin/sessions');
    const session = (sessions.body as { id: string; userId: string; workstationId: string }[]).find(
      (s) => s.userId === 'u-clinicalsupport' && s.workstationId === 'ws-revoked',
    );
    expect((await admin.post(`/api/admin/sessions/${session!.id}/revoke`, {})).status).toBe(200);
    await stream.ended;
    expect((await revokedOne.get('/api/auth/me')).status).toBe(401);

    const person = await signIn(b.url, 'referrals', 'ws-deactivated');
    const personStream = await openStream(b, person.token);
    expect((await admin.post('/api/admin/users/u-referrals/deactivate', {})).status).toBe(200);
    await personStream.ended;
    expect((await person.get('/api/auth/me')).status).toBe(401);
    expect((await person.get('/api/sync/tasks/pull?limit=5')).status).toBe(401);
    const again = await fetch(`${b.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'referrals', password: 'baton-demo' }),
    });
    expect(again.status).toBe(401);
    expect((await admin.post('/api/admin/users/u-referrals/activate', {})).status).toBe(200);
  }, 60_000);

  it('sign-in failures count on both instances: five wrong passwords split over A and B use up the allowance on both', async () => {
    const from = '127.0.0.41';
    const attempt = (server: RunningServer, password: string) =>
      postFrom(server.url, from, '/api/auth/login', { username: 'billing', password });
    const answers = [];
    for (const [i, server] of [a, b, a, b, a].entries()) answers.push((await attempt(server, `wrong-${i}`)).status);
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    // Each instance alone saw fewer than five; together they refuse, even the right password.
    expect((await attempt(b, 'baton-demo')).status).toBe(429);
    expect((await attempt(a, 'baton-demo')).status).toBe(429);
    // Another computer is not locked out by it.
    expect((await postFrom(b.url, '127.0.0.42', '/api/auth/login', { username: 'billing', password: 'baton-demo' })).status).toBe(200);
  }, 60_000);

  it('simultaneous wrong passwords on both instances: at most five reach the password check in all', async () => {
    const from = '127.0.0.43';
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        postFrom((i % 2 ? a : b).url, from, '/api/auth/login', { username: 'clinician', password: `wrong-${i}` }),
      ),
    );
    const checked = answers.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(24 - checked);
  }, 60_000);

  it('B’s change feed losing its LISTEN connection misses nothing: once it listens again, B’s readers pull what A wrote meanwhile', async () => {
    const onA = await workstation(a, 'frontdesk');
    const onB = await workstation(b, 'manager');
    // A pull on A right before, so A's pool holds open connections for the write to come.
    await onA.sync.awaitInSync();
    const database = databaseName();
    // New connections refused (B's listener cannot come back yet); B's listener cut off.
    await onCluster(async (client) => {
      await client.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
      const { rows } = await client.query(
        'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
        [database, `baton-listen-${b.pid}`],
      );
      expect(rows).toHaveLength(1);
    });
    let task;
    try {
      // Written through A while B hears nothing: its notice is lost for B.
      task = await createTask(onA.db, draft('Written while B was deaf'), actorOf(onA));
      await onA.sync.awaitInSync();
      expect((await getTask(onA, task.id))?.pendingSync).toBe(false);
    } finally {
      await onCluster((client) => client.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`));
    }
    // No other change follows: only B's resync after its listener is back brings the task.
    await eventually(
      async () => (await getTask(onB, task.id))?.title === 'Written while B was deaf',
      30_000,
      'the task on B after B listens again',
    );
    await eventually(
      () =>
        onCluster(
          async (client) =>
            (
              await client.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [
                database,
                `baton-listen-${b.pid}`,
              ])
            ).rowCount === 1,
        ),
      30_000,
      'B listening again',
    );
  }, 90_000);
});
