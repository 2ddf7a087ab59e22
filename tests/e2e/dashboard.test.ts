// The manager's dashboard in Chromium against a server seeded with two weeks of demo history:
// a queue's overdue bar and a type's SLA-breached bar open exactly those tasks, the worker's tasks
// are kept across a reload, a chart's CSV downloads, and a front-desk user has no dashboard while
// the endpoint refuses them.
import { describe, expect, it } from 'vitest';
import { lastDays, rangeWindow } from '../../renderer/features/dashboard/range';
import { signIn as apiSignIn } from '../support/api';
import { DashboardPage } from './pages/DashboardPage';
import { ListPage } from './pages/ListPage';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness({ env: { BATON_DEMO_HISTORY_DAYS: '14' } });
const FINISHED = ['done', 'closed'];

/** A manager's workstation on the dashboard, and the endpoint's report for the dashboard's range from another sign-in. */
async function managerDashboard(workstationId: string) {
  const { ws, board } = await e2e.signedIn('manager');
  const dashboard = new DashboardPage(ws.page);
  await dashboard.open();
  const api = await apiSignIn(e2e.server.url, 'manager', workstationId);
  // The dashboard's own range (its default, the last 30 local days): the rows of a chart by range
  // (e.g. SLA attainment's task types) are then the ones the dashboard draws, in its order.
  const window = rangeWindow(lastDays(30));
  const report = (await api.get(`/api/reports/kpis?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`)).body;
  return { ws, board, dashboard, api, report };
}

describe('the manager dashboard', () => {
  it("a queue's overdue bar opens exactly the overdue tasks of that queue", async () => {
    const { ws, board, dashboard, api, report } = await managerDashboard('ws-dashboard-check');
    const index = report.queueLoad.findIndex((q: { overdue: number }) => q.overdue > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const { queue, overdue } = report.queueLoad[index];
    expect(await dashboard.tile('overdue')).toBe(String(report.overdueOpen));

    await dashboard.clickBar('chart-queue-load', 'overdue', index);
    await board.waitDashboardFilter();
    const list = new ListPage(ws.page);
    await expect.poll(() => list.total(), { timeout: 20_000 }).toBe(overdue);
    const shown = (await list.taskIds()).sort();

    // Worked out again here from the tasks the manager pulls: open, due before now, that queue.
    const tasks = (await api.pullAll('tasks', 1000)).documents.filter((d) => !d._deleted);
    const expected = tasks
      .filter((t) => t.queue === queue && !FINISHED.includes(t.status) && Date.parse(t.dueAt) < Date.now())
      .map((t) => t.id)
      .sort();
    expect(shown).toEqual(expected);
    expect(ws.errors).toEqual([]);
  });

  it("a task type's breached bar in SLA attainment opens exactly its open tasks breached now", async () => {
    const { ws, board, dashboard, api, report } = await managerDashboard('ws-dashboard-sla');
    const index = report.slaAttainment.findIndex((r: { breachedOpen: number }) => r.breachedOpen > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const { typeId, breachedOpen } = report.slaAttainment[index];
    expect(await dashboard.tile('sla')).toMatch(/^(\d+(\.\d)?%|–)$/);

    await dashboard.clickBar('chart-sla', 'breachedOpen', index);
    await board.waitDashboardFilter();
    const list = new ListPage(ws.page);
    await expect.poll(() => list.total(), { timeout: 20_000 }).toBe(breachedOpen);
    const shown = (await list.taskIds()).sort();

    // The same tasks by the SLA report (each task's state, as the board's chips show it) and their type.
    const states = (await api.get('/api/reports/sla')).body.tasks as { taskId: string; state: string }[];
    const types = new Map((await api.pullAll('tasks', 1000)).documents.map((d) => [d.id, d.typeId]));
    const expected = states
      .filter((r) => r.state === 'breached' && types.get(r.taskId) === typeId)
      .map((r) => r.taskId)
      .sort();
    expect(shown).toEqual(expected);
    expect(ws.errors).toEqual([]);
  });

  it("keeps its tasks across a reload: the worker saves every task's digest, and the reloaded dashboard gives the endpoint's figures", async () => {
    const { ws, dashboard, api, report } = await managerDashboard('ws-dashboard-kept');
    const tasks = (await api.pullAll('tasks', 1000)).documents.filter((d) => !d._deleted);
    await expect.poll(() => dashboard.keptDigests(), { timeout: 20_000 }).toBe(tasks.length);

    // A new start of the app on the same replica, on the dashboard: the worker starts from its kept digests.
    await ws.page.reload();
    await dashboard.waitReady();
    for (const [tile, figure] of [
      ['open', report.open],
      ['overdue', report.overdueOpen],
      ['created', report.created],
      ['closed', report.closed],
    ])
      expect(await dashboard.tile(tile)).toBe(String(figure));
    expect(await dashboard.keptDigests()).toBe(tasks.length);
    expect(ws.errors).toEqual([]);
  });

  it("exports a chart's CSV", async () => {
    const { ws } = await e2e.signedIn('manager');
    const dashboard = new DashboardPage(ws.page);
    await dashboard.open();
    const { filename, text } = await dashboard.exportCsv('chart-queue-load');
    expect(filename).toMatch(/^baton-queueLoad-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header).toBe('queue,open,overdue,atRisk');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^[a-z_]+,\d+,\d+,\d+$/.test(r))).toBe(true);
  });

  it('a front-desk user has no dashboard, and the endpoint refuses them', async () => {
    const { ws } = await e2e.signedIn('frontdesk');
    const dashboard = new DashboardPage(ws.page);
    expect(await dashboard.openButton().count()).toBe(0);
    await ws.page.evaluate(() => (window.location.hash = '#/dashboard'));
    await dashboard.noAccess().waitFor();
    expect(await dashboard.tileBox('overdue').count()).toBe(0);
    const frontdesk = await apiSignIn(e2e.server.url, 'frontdesk', 'ws-dashboard-refused');
    const answer = await frontdesk.get(`/api/reports/kpis?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`);
    expect(answer.status).toBe(403);
  });
});
