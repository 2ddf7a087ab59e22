// GET /api/reports/kpis on SQLite and PostgreSQL: managers only (every other role, and a client
// that skips the app, gets 403), zod-checked queries, JSON that matches the report schema and
// the shared functions over the manager's readable tasks, and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatonServer } from '../app';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { computeKpis, KpiReport, kpiOptionsFor } from '../../shared/kpi';
import { buildPracticeConfig } from '../../shared/config/practice';
import type { ConfigDoc } from '../../shared/config/schemas';

const DAY = 24 * 3600_000;

describe.each(['sqlite', 'postgres'] as const)('KPI report on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let base: string;
  let manager: Api;
  const to = new Date(Date.now() + DAY).toISOString();
  const from = new Date(Date.now() - 14 * DAY).toISOString();
  const query = (extra = '') => `/api/reports/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${extra}`;

  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_DEMO_HISTORY_DAYS: '10' });
    ({ server, base } = running);
    manager = await signIn(base, 'manager');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('refuses every role but manager, and callers without a session', async () => {
    for (const username of ['frontdesk', 'billing', 'referrals', 'clinicalsupport', 'clinician', 'admin']) {
      const other = await signIn(base, username);
      const answer = await other.get(query());
      expect(answer.status, username).toBe(403);
      expect(answer.body).toMatchObject({ error: 'forbidden' });
      expect(JSON.stringify(answer.body)).not.toMatch(/openByStatus|ownerLoad/);
    }
    expect((await manager.get(query(), null)).status).toBe(401);
  });

  it('refuses a bad query with the reason, and a location the manager does not manage', async () => {
    for (const bad of [
      '/api/reports/kpis',
      `/api/reports/kpis?from=${from}`,
      `/api/reports/kpis?from=${to}&to=${from}`,
      `/api/reports/kpis?from=yesterday&to=${to}`,
      query('&format=xml'),
      `/api/reports/kpis?from=2020-01-01T00:00:00Z&to=${to}`,
    ]) {
      const answer = await manager.get(bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error).toBe('bad_request');
    }
    expect((await manager.get(query('&locationId=loc-elsewhere'))).status).toBe(403);
  });

  it('answers the figures of the shared functions over the tasks the manager reads', async () => {
    const answer = await manager.get(query('&locationId=loc-main'));
    expect(answer.status).toBe(200);
    const report = KpiReport.parse(answer.body);
    const tasks = (await manager.pullAll('tasks', 1000)).documents.filter((d) => !d._deleted);
    expect(tasks.length).toBeGreaterThan(200);
    expect(report.open).toBe(Object.values(report.openByStatus).reduce((a, b) => a + b, 0));
    expect(Object.values(report.agingOpen).reduce((a, b) => a + b, 0)).toBe(report.open);
    expect(report.created).toBeGreaterThan(100);
    expect(report.closed).toBeGreaterThan(50);
    expect(report.timeZone).toBe('America/New_York');
    const practice = buildPracticeConfig((await server.storage.listDocs('config')).map((d) => d.data as ConfigDoc));
    expect(report).toEqual(computeKpis(tasks, kpiOptionsFor(practice, { from, to, at: report.at }, ['loc-main'])));
    // Asked again: the server answers from its cached tasks and remembered SLA states, the same figures.
    const again = KpiReport.parse((await manager.get(query('&locationId=loc-main'))).body);
    expect(again).toEqual(computeKpis(tasks, kpiOptionsFor(practice, { from, to, at: again.at }, ['loc-main'])));
    expect(again.slaMet + again.slaMissed).toBeGreaterThan(0);
  });

  it('follows every write after an earlier answer: a new task, a change, a delete', async () => {
    const report = async () => KpiReport.parse((await manager.get(query('&locationId=loc-main'))).body);
    const before = await report();
    const push = async (rows: unknown[]) => expect((await manager.post('/api/sync/tasks/push', rows)).body).toEqual([]);
    const doc = newTaskDoc({
      locationId: 'loc-main',
      status: 'new',
      ownerId: '',
      createdAt: new Date().toISOString(),
      dueAt: new Date(Date.now() - DAY).toISOString(),
    });
    await push([{ newDocumentState: doc }]);
    const added = await report();
    expect(added.created).toBe(before.created + 1);
    expect(added.open).toBe(before.open + 1);
    expect(added.overdueOpen).toBe(before.overdueOpen + 1);
    const stored = async () => (await manager.pullAll('tasks', 1000)).documents.find((d) => d.id === doc.id);
    const master = await stored();
    await push([{ assumedMasterState: master, newDocumentState: { ...master, dueAt: new Date(Date.now() + 30 * DAY).toISOString() } }]);
    const changed = await report();
    expect(changed.open).toBe(before.open + 1);
    expect(changed.overdueOpen).toBe(before.overdueOpen);
    const latest = await stored();
    await push([{ assumedMasterState: latest, newDocumentState: { ...latest, _deleted: true } }]);
    const removed = await report();
    expect({ ...removed, at: before.at }).toEqual(before);
  });

  it('answers CSV with format=csv', async () => {
    const response = await fetch(`${base}${query('&format=csv')}`, { headers: { authorization: `Bearer ${manager.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    expect(text.startsWith('# summary\r\nfigure,value\r\n')).toBe(true);
    expect(text).toContain('# queueLoad\r\nqueue,open,overdue,atRisk\r\n');
  });
});
