// The app and the API never disagree: a manager's workstation replicates the demo practice (with
// its history) from a real server process, computes the dashboard's figures from its replica the
// way the dashboard does, and gets exactly what GET /api/reports/kpis answers for the same instant.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiReport } from '../../shared/kpi';
import { inlineEngine } from '../../renderer/features/dashboard/kpi-engine';
import { kpiJobOf } from '../../renderer/features/dashboard/kpi-source';
import { signIn } from '../support/api';
import { openWorkstation, type Workstation } from '../support/node-workstation';
import { startServer, type RunningServer } from '../support/server-process';

const DAY = 24 * 3600_000;
let server: RunningServer;
let ws: Workstation;

beforeAll(async () => {
  server = await startServer({ env: { BATON_DEMO_HISTORY_DAYS: '10' } });
  // On the app's storage (fake-indexeddb), as in the app: the dashboard reads the replica's store itself.
  ws = await openWorkstation(server.url, { username: 'manager', pullBatchSize: 200, storage: 'log' });
  await ws.sync.awaitInSync();
});
afterAll(async () => {
  await ws?.close();
  await server?.stop();
});

describe('KPI parity between the replica and the endpoint', () => {
  it('computes the same figures, and the tasks behind a figure add up to it', async () => {
    const from = new Date(Date.now() - 7 * DAY).toISOString();
    const to = new Date(Date.now() + DAY).toISOString();
    const api = await signIn(server.url, 'manager');
    const answer = await api.get(`/api/reports/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&locationId=loc-main`);
    expect(answer.status).toBe(200);
    const fromServer = KpiReport.parse(answer.body);
    expect(fromServer.created).toBeGreaterThan(50);

    const engine = inlineEngine({ indexedDB, IDBKeyRange });
    const job = await kpiJobOf(ws.db, { from, to, at: fromServer.at }, ['loc-main']);
    expect((await engine.apply(job)).upserted.length).toBeGreaterThan(200);
    const fromReplica = await engine.compute({ ...job, reset: false });
    expect(fromReplica).toEqual(fromServer);

    const busiest = fromReplica.queueLoad.find((q) => q.overdue > 0)!;
    expect(await engine.behind({ kind: 'open', measure: 'overdue', queue: busiest.queue })).toHaveLength(busiest.overdue);
    // SLA attainment: the demo's types all set targets, so work was completed against them.
    expect(fromReplica.slaMet + fromReplica.slaMissed).toBeGreaterThan(0);
    const sla = fromReplica.slaAttainment.find((r) => r.met > 0)!;
    expect(await engine.behind({ kind: 'sla', state: 'met', typeId: sla.typeId })).toHaveLength(sla.met);
    const reason = fromReplica.exceptionReasons[0];
    const behindReason = await engine.behind({ kind: 'reason', reasonKind: reason.kind, code: reason.code });
    expect(behindReason.length).toBeGreaterThan(0);
    expect(behindReason.length).toBeLessThanOrEqual(reason.count);
  });
});
