// Scenario 7: the dashboard's and the report endpoint's KPI computation over 10,000 and 50,000
// tasks with 90-day histories (the demo seed's history, copied with new ids to the size wanted),
// with the demo practice's SLA targets (SLA attainment and the SLA-based at risk included).
// References measured in the same run: parsing the same tasks from JSON (what any reader of the
// replica pays at least) and, for the endpoint, reading and parsing the tasks from SQLite.
import fs from 'node:fs';
import { computeKpis, kpiOptionsFor, kpiProjection } from '../shared/kpi';
import { demoConfigDocs } from '../shared/config/demo';
import { buildPracticeConfig } from '../shared/config/practice';
import type { Task } from '../shared/task';
import { createServer } from '../sync-server/app';
import { loadConfig } from '../sync-server/config';
import { importHistory } from '../sync-server/seed/demo';
import { demoHistory } from '../sync-server/seed/history';
import { PracticeCache } from '../sync-server/sync/practice';
import { signIn } from '../tests/support/api';
import { tempDir } from '../tests/support/server-process';
import type { Report } from './lib/report';
import { clock, summarize } from './lib/stats';

const S = 'kpi';
const DAY = 24 * 3600_000;
const RUNS = 5;

/** `count` tasks: the 90-day demo history repeated, each copy with its own ids. */
function tasksOf(history: Task[], count: number): Task[] {
  return Array.from({ length: count }, (_, i) => {
    const t = history[i % history.length];
    return { ...t, id: `${t.id}-${Math.floor(i / history.length)}` };
  });
}

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = clock();
    run();
    times.push(clock() - t0);
  }
  return summarize(times).p50;
}

export async function kpiBench(report: Report, details: Record<string, unknown>): Promise<void> {
  const now = new Date();
  const history = demoHistory(90, now);
  const window = { from: new Date(now.getTime() - 30 * DAY).toISOString(), to: now.toISOString(), at: now.toISOString() };
  // As the dashboard and the endpoint compute: the demo practice's staff roles and SLA targets.
  const options = kpiOptionsFor(buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`)), window, ['loc-main']);
  for (const [count, floor] of [[10_000, 500], [50_000, 1500]] as const) {
    const tasks = tasksOf(history, count);
    const json = JSON.stringify(tasks);
    const parse = median(() => JSON.parse(json));
    const kpis = median(() => computeKpis(tasks, options));
    const cut = tasks.map(kpiProjection);
    const worker = median(() => computeKpis(cut, options));
    details[`tasks${count}`] = { jsonBytes: json.length, parseMs: parse, kpiMs: kpis, cutKpiMs: worker };
    report.figure(S, `KPIs over ${count.toLocaleString('en-US')} tasks (Node, p50 of ${RUNS})`, kpis, 'ms', { kind: 'max', value: floor }, 'compute only; not the page');
    report.figure(S, `  same, reference JSON.parse of the tasks`, parse, 'ms');
    report.figure(S, `  ratio KPIs / JSON.parse`, kpis / parse, '×');
  }

  // The endpoint on SQLite with 50,000 tasks, through HTTP.
  const dataDir = tempDir('baton-bench-kpi-');
  // The SLA automation is off: its passes over 50,000 imported tasks (escalating thousands of old
  // breaches at once) block the same event loop and are not what is measured here.
  const server = await createServer(loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_LOG_LEVEL: 'silent', BATON_SLA_AUTOMATION: '0' }));
  try {
    const tasks = tasksOf(history, 50_000 - 40);
    const sync = { storage: server.storage, practice: new PracticeCache(server.storage) };
    const t0 = clock();
    await importHistory(sync, { userId: 'u-admin', username: 'admin', displayName: 'Bench', roles: ['admin'], locationIds: ['loc-main'], workstationId: 'bench', sessionId: 'bench', system: true }, tasks);
    details.importMs = Math.round(clock() - t0);
    sync.practice.close();
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const manager = await signIn(base, 'manager', 'bench-kpi');
    const query = `/api/reports/kpis?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`;
    // The first answer after a start reads and cuts down every task; later ones read only what
    // was written since (the server's cache by seq), so they are measured apart.
    let t = clock();
    const first = await manager.get(query);
    const cold = clock() - t;
    if (first.status !== 200) throw new Error(`endpoint answered ${first.status}`);
    const endpoint: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      t = clock();
      const answer = await manager.get(query);
      endpoint.push(clock() - t);
      if (answer.status !== 200) throw new Error(`endpoint answered ${answer.status}`);
      t = clock();
      const docs = await server.storage.listDocs('tasks');
      reference.push(clock() - t);
      if (docs.length < 50_000) throw new Error(`only ${docs.length} tasks stored`);
    }
    const p50 = summarize(endpoint).p50;
    const ref = summarize(reference).p50;
    details.endpoint = { firstMs: cold, endpointMs: summarize(endpoint), readAndParseMs: summarize(reference) };
    report.figure(S, 'GET /api/reports/kpis, 50,000 tasks, SQLite (p50)', p50, 'ms', { kind: 'max', value: 1000 });
    report.figure(S, '  first answer after the server started (reads every task)', cold, 'ms');
    report.figure(S, '  reference: read + parse the tasks from SQLite', ref, 'ms');
    report.figure(S, '  ratio endpoint / read + parse', p50 / ref, '×');
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
