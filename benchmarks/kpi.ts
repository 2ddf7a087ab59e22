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
import { ensureRendererBuilt } from '../tests/e2e/support/build';
import { dashboardInBrowser, load } from './kpi-browser';
import { BENCH_SEEDER } from './lib/fixtures';
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

/** The dashboard in Chromium; a failure is recorded as a failed figure and the other scenarios go on. */
async function inBrowser(report: Report, url: string, count: number, referencePath: string): Promise<unknown> {
  try {
    return await dashboardInBrowser(report, url, count, referencePath);
  } catch (error) {
    report.failed(S, `Chromium, ${(count / 1000).toFixed(0)}k tasks: the dashboard`, error);
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

export async function kpiBench(report: Report, details: Record<string, unknown>): Promise<void> {
  const now = new Date();
  const history = demoHistory(90, now);
  const window = { from: new Date(now.getTime() - 30 * DAY).toISOString(), to: now.toISOString(), at: now.toISOString() };
  // As the dashboard and the endpoint compute: the demo practice's staff roles and SLA targets.
  const options = kpiOptionsFor(buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`)), window, ['loc-main']);
  const practice = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
  for (const [count, floor] of [
    [10_000, 500],
    [50_000, 1500],
  ] as const) {
    const tasks = tasksOf(history, count).map(kpiProjection);
    const json = JSON.stringify(tasks);
    const parse = median(() => JSON.parse(json));
    // Cold: the first report over these task objects; warm: later ones a minute apart (each
    // task's parsed life, finished facts and SLA answers kept, open work walked again).
    const t = clock();
    computeKpis(tasks, options);
    const cold = clock() - t;
    let minute = 0;
    const warm = median(() =>
      computeKpis(
        tasks,
        kpiOptionsFor(practice, { ...window, at: new Date(now.getTime() + ++minute * 60_000).toISOString() }, ['loc-main']),
      ),
    );
    details[`tasks${count}`] = { jsonBytes: json.length, parseMs: parse, coldMs: cold, warmMs: warm };
    report.figure(
      S,
      `KPIs over ${count.toLocaleString('en-US')} tasks (Node), warm (p50 of ${RUNS})`,
      warm,
      'ms',
      { kind: 'max', value: floor },
      `compute only; the page is measured below; ${load()}`,
    );
    report.figure(S, `  first computation over them (cold)`, cold, 'ms');
    report.figure(S, `  reference JSON.parse of the tasks (cut down)`, parse, 'ms');
    report.figure(S, `  ratio warm / JSON.parse; cold / JSON.parse`, warm / parse, '×', undefined, `cold ${(cold / parse).toFixed(2)}×`);
  }

  // The endpoint on SQLite and the dashboard in Chromium: 10,000 tasks, then 50,000, through
  // HTTP and the real web host.
  ensureRendererBuilt();
  const dataDir = tempDir('baton-bench-kpi-');
  // The SLA automation is off: its passes over 50,000 imported tasks (escalating thousands of old
  // breaches at once) block the same event loop and are not what is measured here.
  const env = { BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_LOG_LEVEL: 'silent', BATON_SLA_AUTOMATION: '0' };
  let server = await createServer(loadConfig(env));
  // The browser's reference: the same tasks as JSON, parsed in the page.
  let referenceJson = '[]';
  const referencePath = '/bench/kpi-tasks.json';
  server.app.get(referencePath, async (_request, reply) => reply.type('application/json').send(referenceJson));
  try {
    const sync = { storage: server.storage, practice: new PracticeCache(server.storage) };
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const small = tasksOf(history, 10_000 - 40);
    let t0 = clock();
    await importHistory(sync, BENCH_SEEDER, small);
    referenceJson = JSON.stringify(small);
    details.browser10k = await inBrowser(report, base, 10_000, referencePath);

    const all = tasksOf(history, 50_000 - 40);
    t0 = clock();
    await importHistory(sync, BENCH_SEEDER, all.slice(small.length));
    details.importMs = Math.round(clock() - t0);
    sync.practice.close();
    const manager = await signIn(base, 'manager', 'bench-kpi');
    const query = `/api/reports/kpis?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`;
    const timed = async () => {
      const t = clock();
      const answer = await manager.get(query);
      if (answer.status !== 200) throw new Error(`endpoint answered ${answer.status}`);
      return clock() - t;
    };
    // The first answer after 40,000 tasks were written reads and cuts them down; later ones read
    // only what was written since (the server's task cache by seq).
    const afterImport = await timed();
    const endpoint: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      endpoint.push(await timed());
      const t = clock();
      const docs = await server.storage.listDocs('tasks');
      reference.push(clock() - t);
      if (docs.length < 50_000) throw new Error(`only ${docs.length} tasks stored`);
    }
    const p50 = summarize(endpoint).p50;
    const ref = summarize(reference).p50;
    report.figure(S, 'GET /api/reports/kpis, 50,000 tasks, SQLite (p50)', p50, 'ms', { kind: 'max', value: 1000 }, load());
    report.figure(S, '  reference: read + parse the tasks from SQLite', ref, 'ms');
    report.figure(S, '  ratio endpoint / read + parse', p50 / ref, '×');
    report.figure(S, '  first answer after 40,000 tasks were written at once', afterImport, 'ms');

    // A restart on the same data: a request at once (while the cache fills), and once it is warm.
    await server.close();
    t0 = clock();
    server = await createServer(loadConfig(env));
    server.app.get(referencePath, async (_request, reply) => reply.type('application/json').send(referenceJson));
    const restarted = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const again = await signIn(restarted, 'manager', 'bench-kpi');
    let t = clock();
    const first = await again.get(query);
    const startFirst = clock() - t;
    const sinceStart = clock() - t0;
    if (first.status !== 200) throw new Error(`endpoint answered ${first.status}`);
    await server.reportsWarm;
    const warmedAfter = clock() - t0;
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      t = clock();
      if ((await again.get(query)).status !== 200) throw new Error('endpoint failed after the restart');
      warm.push(clock() - t);
    }
    details.endpoint = {
      afterImportMs: afterImport,
      endpointMs: summarize(endpoint),
      readAndParseMs: summarize(reference),
      restart: { firstMs: startFirst, sinceStartMs: sinceStart, warmedAfterMs: warmedAfter, thenMs: summarize(warm) },
    };
    report.figure(
      S,
      '  after a restart: first answer, asked as soon as the server listens',
      startFirst,
      'ms',
      { kind: 'max', value: 1000 },
      `caches warm ${Math.round(warmedAfter)} ms after the start; ${load()}`,
    );
    report.figure(
      S,
      '  after a restart: answers once the caches are warm (p50)',
      summarize(warm).p50,
      'ms',
      { kind: 'max', value: 1000 },
      load(),
    );
    report.figure(S, '  ratio first answer after a restart / read + parse', startFirst / ref, '×');

    // Last: a 50,000-task replica takes minutes to replicate on a loaded machine.
    referenceJson = JSON.stringify(all);
    details.browser50k = await inBrowser(report, restarted, 50_000, referencePath);
    referenceJson = '[]';
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
