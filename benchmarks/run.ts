// `npm run bench`: every scenario in turn, each bounded in time; prints every figure with its
// floor and PASS/FAIL, writes bench-results/latest.json and latest.md, and exits non-zero when a
// floor is missed (after printing and writing everything).
//   BENCH_ONLY=propagation,push-rate npm run bench   runs a subset.
//   BENCH_ONLY=board npm run bench                    the board alone.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boardBench } from './board';
import { encryption } from './encryption';
import { initialReplication } from './initial-replication';
import { kpiBench } from './kpi';
import { listBench } from './list';
import { offlineEdits } from './offline-edits';
import { propagation, propagationReference } from './propagation';
import type { PropagationResult } from './propagation/scenario';
import { pullServer } from './pull-server';
import { pushRate } from './push-rate';
import { Report } from './lib/report';
import { stopAllServers } from './lib/servers';
import { clock, withTimeout } from './lib/stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = new Report();
let ours: PropagationResult | undefined;

interface Scenario {
  id: string;
  title: string;
  timeoutMs: number;
  run(details: Record<string, unknown>): Promise<unknown>;
}

const scenarios: Scenario[] = [
  {
    id: 'propagation',
    title: '1. Propagation across 20 workstations (Baton server)',
    timeoutMs: 120_000,
    run: async (details) => {
      ours = await propagation(report, details);
    },
  },
  {
    id: 'propagation-reference',
    title: '2. Propagation across 20 workstations (RxDB websocket reference server)',
    timeoutMs: 120_000,
    run: (details) => propagationReference(report, details, ours),
  },
  {
    id: 'initial-replication',
    title: '3. Initial replication of a fresh replica in Chromium',
    timeoutMs: 300_000,
    run: (details) => initialReplication(report, details),
  },
  {
    id: 'offline-edits',
    title: '4. 1,000 offline edits after reconnect',
    timeoutMs: 90_000,
    run: (details) => offlineEdits(report, details),
  },
  { id: 'push-rate', title: '5. Sustained server push rate', timeoutMs: 60_000, run: (details) => pushRate(report, details) },
  {
    id: 'encryption',
    title: '6. PHI encryption at rest: 10,000 tasks into a fresh Chromium replica, without/with encryption',
    timeoutMs: 600_000,
    run: (details) => encryption(report, details),
  },
  {
    id: 'kpi',
    title:
      '7. Dashboard KPIs over 10,000 and 50,000 tasks with histories (Node, and the dashboard in Chromium); the KPI endpoint on SQLite',
    timeoutMs: 1_800_000,
    run: (details) => kpiBench(report, details),
  },
  {
    id: 'list',
    title: '8. The list view over 50,000 tasks in Chromium: first rows, re-sort, jump to the end, scrolling',
    timeoutMs: 900_000,
    run: (details) => listBench(report, details),
  },
  {
    id: 'board',
    title: '9. The board over 10,000 tasks in Chromium: search, open a task, a local edit',
    timeoutMs: 900_000,
    run: (details) => boardBench(report, details),
  },
  {
    id: 'pull-server',
    title: '10. The pull endpoint alone: a 50,000-task slice to one Node reader on SQLite',
    timeoutMs: 600_000,
    run: (details) => pullServer(report, details),
  },
];

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const started = clock();
console.log(
  `Baton benchmarks on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const scenario of scenarios) {
  if (only && !only.includes(scenario.id)) continue;
  console.log(`\n${scenario.title}`);
  const details: Record<string, unknown> = { loadAverageBefore: os.loadavg().map((l) => Number(l.toFixed(2))) };
  const t0 = clock();
  let error: string | undefined;
  try {
    await withTimeout(scenario.run(details), scenario.timeoutMs, scenario.title);
  } catch (e) {
    error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    report.failed(scenario.id, 'scenario did not finish', e);
  }
  // A scenario that timed out may still hold servers: stop them before the next one starts.
  await stopAllServers();
  details.loadAverageAfter = os.loadavg().map((l) => Number(l.toFixed(2)));
  report.scenarios.push({ scenario: scenario.id, title: scenario.title, durationMs: clock() - t0, error, details });
}
const files = report.write(path.join(ROOT, 'bench-results'));
console.log(
  `\n${report.ok ? 'PASS' : 'FAIL'}: ${report.figures.filter((f) => f.pass === false).length} floor(s) missed · ${((clock() - started) / 1000).toFixed(0)} s`,
);
console.log(`Results: ${path.relative(process.cwd(), files.json)}, ${path.relative(process.cwd(), files.md)}`);
process.exit(report.ok ? 0 : 1);
