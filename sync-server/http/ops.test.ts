// What IT watches, against the real server on SQLite and PostgreSQL: alive, ready (503 while the
// database is gone or holds another schema, 200 again when it is back), Prometheus metrics for an
// admin only (or on a port of their own) naming routes and outcomes but never an id, and the
// schema version guard at start.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../app';
import { loadConfig } from '../config';
import { SERVER_VERSION } from '../ops/version';
import { SCHEMA_VERSION } from '../storage/schema-version';
import { setPostgresDatabaseDown } from '../storage/test-postgres';
import { newTaskDoc, signIn } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

const getText = async (url: string, token?: string) => {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, text: await response.text() };
};
/** The value of the first sample line starting with `prefix`, e.g. `baton_open_streams `. */
const sample = (text: string, prefix: string) => {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};
const waitFor = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};
const readyStatus = async (base: string) => (await fetch(`${base}/api/ready`)).status;

describe.each(['sqlite', 'postgres'] as const)('health, readiness and metrics on %s', (kind) => {
  let running: InProcessServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const start = async (env: Record<string, string> = {}) => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0', ...env });
    return running;
  };

  it('is alive and ready, naming the release, the schema version and the database', async () => {
    const { base } = await start();
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true, version: SERVER_VERSION });
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, version: SERVER_VERSION, schemaVersion: SCHEMA_VERSION, db: { kind, ok: true } });
  });

  it('is not ready on a newer schema, and a server refuses to start on one', async () => {
    const { base, server, dataDir, pgUrl } = await start();
    await server.storage.setSetting('schema_version', String(SCHEMA_VERSION + 1));
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      ok: false,
      schemaVersion: SCHEMA_VERSION + 1,
      db: { ok: true, error: expect.stringMatching(/schema/) },
    });
    const config = loadConfig({
      BATON_DATA_DIR: dataDir,
      BATON_STATIC_DIR: '/nonexistent',
      BATON_SLA_AUTOMATION: '0',
      ...(pgUrl ? { BATON_DATABASE_URL: pgUrl } : {}),
    });
    await expect(createServer(config)).rejects.toThrow(`schema version ${SCHEMA_VERSION + 1}, newer than this server's ${SCHEMA_VERSION}`);
  });

  it('serves metrics to an admin only, counting routes, push outcomes and streams without ids', async () => {
    const { base } = await start();
    const frontdesk = await signIn(base, 'frontdesk');
    const admin = await signIn(base, 'admin');
    const task = newTaskDoc({ patientRef: 'MRN-METRICS-77' });
    expect((await frontdesk.post('/api/sync/tasks/push', [{ newDocumentState: task }])).status).toBe(200);
    // A refused row: a status that does not exist.
    const refused = await frontdesk.post(
      '/api/sync/tasks/push',
      [{ newDocumentState: { ...newTaskDoc(), status: 'lost_in_the_fax' } }],
      undefined,
      { 'x-baton-replication': '1' },
    );
    expect(refused.status).toBe(200);
    const stream = await fetch(`${base}/api/sync/stream`, { headers: { authorization: `Bearer ${frontdesk.token}` } });
    expect(stream.status).toBe(200);
    await frontdesk.post('/api/sync/tasks/push', [
      {
        newDocumentState: { ...task, title: 'Fax the referral' },
        assumedMasterState: (await frontdesk.pullAll('tasks')).documents.find((d) => d.id === task.id),
      },
    ]);

    expect((await getText(`${base}/metrics`)).status).toBe(401);
    expect((await getText(`${base}/metrics`, frontdesk.token)).status).toBe(403);
    let text = '';
    await waitFor(async () => {
      text = (await getText(`${base}/metrics`, admin.token)).text;
      return (sample(text, 'baton_stream_fanout_seconds_count') ?? 0) > 0;
    }, 'a change fanned out to the stream');
    expect(sample(text, 'baton_push_rows_total{collection="tasks",outcome="accepted"}')).toBe(2);
    expect(sample(text, 'baton_push_rows_total{collection="tasks",outcome="refused"}')).toBe(1);
    expect(sample(text, 'baton_http_requests_total{route="/api/sync/:collection/push",method="POST",status="200"}')).toBe(3);
    expect(sample(text, 'baton_http_requests_total{route="/metrics",method="GET",status="403"}')).toBe(1);
    expect(sample(text, 'baton_open_streams ')).toBe(1);
    expect(text).toContain('baton_nodejs_eventloop_lag_seconds');
    if (kind === 'postgres') expect(sample(text, 'baton_db_pool_clients{state="total"}')).toBeGreaterThan(0);
    // Route patterns only: no task id, patient reference, user id or query string.
    for (const leak of [task.id, 'MRN-METRICS-77', frontdesk.userId, 'checkpoint=']) expect(text).not.toContain(leak);
    await stream.body?.cancel();
  });

  it('serves metrics without a token on BATON_METRICS_PORT, and nothing else there', async () => {
    const { server } = await start({ BATON_METRICS_PORT: '0' });
    const address = server.metricsAddress!;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const open = await getText(`${address}/metrics`);
    expect(open.status).toBe(200);
    expect(open.text).toContain('baton_http_requests_total');
    expect((await getText(`${address}/api/health`)).status).toBe(404);
  });
});

describe('readiness through a PostgreSQL outage', () => {
  let running: InProcessServer | undefined;
  afterEach(async () => {
    if (running?.pgUrl) await setPostgresDatabaseDown(running.pgUrl, false);
    await running?.close();
    running = undefined;
  });

  it('answers 503 while the database refuses connections and 200 when it is back, staying alive throughout', async () => {
    running = await startInProcess('postgres', {}, { BATON_SLA_AUTOMATION: '0' });
    const { base, pgUrl } = running;
    expect(await readyStatus(base)).toBe(200);
    await setPostgresDatabaseDown(pgUrl!, true);
    await waitFor(async () => (await readyStatus(base)) === 503, 'not ready while the database is down');
    const down = await (await fetch(`${base}/api/ready`)).json();
    expect(down).toMatchObject({ ok: false, schemaVersion: null, db: { kind: 'postgres', ok: false, error: expect.any(String) } });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    await setPostgresDatabaseDown(pgUrl!, false);
    await waitFor(async () => (await readyStatus(base)) === 200, 'ready again once the database is back');
  });
});

describe('the client address behind a reverse proxy (BATON_TRUST_PROXY)', () => {
  let running: InProcessServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const wrongPassword = (base: string, forwardedFor: string) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ username: 'billing', password: 'not-the-password', workstationId: 'ws-proxy' }),
    });
  const failedAddresses = async () =>
    (await running!.server.storage.readAudit({ afterId: 0, limit: 1000 }))
      .filter((e) => e.action === 'sign_in_failed')
      .map((e) => (e.after as { address: string }).address);

  it('trusted: the audit and the sign-in limits see the forwarded client, one clinic computer is not another', async () => {
    running = await startInProcess('sqlite', {}, { BATON_SLA_AUTOMATION: '0', BATON_TRUST_PROXY: '127.0.0.1' });
    for (let i = 0; i < 5; i++) expect((await wrongPassword(running.base, '203.0.113.5')).status).toBe(401);
    expect((await wrongPassword(running.base, '203.0.113.5')).status).toBe(429);
    expect((await wrongPassword(running.base, '198.51.100.7')).status).toBe(401);
    expect(await failedAddresses()).toEqual([...Array(5).fill('203.0.113.5'), '198.51.100.7']);
  });

  it('not trusted (the default): a forged X-Forwarded-For changes nothing', async () => {
    running = await startInProcess('sqlite', {}, { BATON_SLA_AUTOMATION: '0' });
    for (let i = 0; i < 5; i++) expect((await wrongPassword(running.base, `203.0.113.${i}`)).status).toBe(401);
    expect((await wrongPassword(running.base, '198.51.100.7')).status).toBe(429);
    expect(new Set(await failedAddresses())).toEqual(new Set(['127.0.0.1']));
  });

  it('refuses a setting that is neither true, a hop count nor addresses', () => {
    expect(() => loadConfig({ BATON_TRUST_PROXY: 'the-proxy' })).toThrow(/BATON_TRUST_PROXY: true, a number of hops/);
    expect(loadConfig({ BATON_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({ BATON_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});
