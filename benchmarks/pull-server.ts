// Scenario 8: the server alone serving a 50,000-task slice to one reader on SQLite. A real server
// process; one Node client (a manager, who reads every queue) pulls every page of the app's size
// (1,000) back to back, parsing each page as a client must to read its checkpoint. No browser and
// no client database: what is measured is the server's pull endpoint. Reference in the same run:
// reading the same rows straight from the SQLite file, parsing and serializing them as JSON
// (what any server of these documents pays at least).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { createServer } from '../sync-server/app';
import { loadConfig } from '../sync-server/config';
import { sqliteFileIn } from '../sync-server/storage/open';
import { importHistory } from '../sync-server/seed/demo';
import { PracticeCache } from '../sync-server/sync/practice';
import { startServer, tempDir } from '../tests/support/server-process';
import { load } from './kpi-browser';
import { BENCH_SEEDER, login, stampedBenchTask } from './lib/fixtures';
import type { Report } from './lib/report';
import { trackServer } from './lib/servers';
import { clock, summarize } from './lib/stats';

const S = 'pull-server';
const TASKS = 50_000;
const FLOOR_MS = 4_000;
/** The renderer's pull page (renderer/sync/replication.ts). */
const PAGE = 1_000;
const RUNS = 3;
/** Tasks written per transaction while seeding. */
const SEED_BATCH = 5_000;

/** 50,000 tasks as a first push stores them, written straight through the storage (not measured). */
async function seed(dataDir: string): Promise<number> {
  const env = { BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_LOG_LEVEL: 'silent', BATON_SLA_AUTOMATION: '0' };
  const server = await createServer(loadConfig(env));
  const t0 = clock();
  try {
    const sync = { storage: server.storage, practice: new PracticeCache(server.storage) };
    for (let from = 0; from < TASKS; from += SEED_BATCH) {
      const tasks = Array.from({ length: Math.min(SEED_BATCH, TASKS - from) }, (_, k) => stampedBenchTask(from + k, 0));
      await importHistory(sync, BENCH_SEEDER, tasks);
    }
    sync.practice.close();
  } finally {
    await server.close();
  }
  return clock() - t0;
}

/** Every page from a first pull to a short one; the time to the last page received and parsed. */
async function pullAll(url: string, token: string): Promise<{ ms: number; documents: number; pages: number; bytes: number }> {
  const t0 = clock();
  let checkpoint: string | undefined;
  let documents = 0;
  let pages = 0;
  let bytes = 0;
  for (;;) {
    const query = `limit=${PAGE}${checkpoint === undefined ? '' : `&checkpoint=${encodeURIComponent(checkpoint)}`}`;
    const response = await fetch(`${url}/api/sync/tasks/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pull: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    const text = await response.text();
    const page = JSON.parse(text) as { documents: unknown[]; checkpoint: string };
    bytes += text.length;
    pages++;
    documents += page.documents.length;
    checkpoint = page.checkpoint;
    if (page.documents.length < PAGE) break;
  }
  return { ms: clock() - t0, documents, pages, bytes };
}

/** The reference: the same documents read from the SQLite file by seq in pages, parsed and serialized. */
function readAndSerialize(file: string): { ms: number; documents: number } {
  const db = new Database(file, { readonly: true });
  try {
    const page = db.prepare<[number, number], { seq: number; data: string }>(
      "SELECT seq, data FROM docs WHERE collection = 'tasks' AND seq > ? ORDER BY seq LIMIT ?",
    );
    const t0 = clock();
    let after = 0;
    let documents = 0;
    for (;;) {
      const rows = page.all(after, PAGE);
      JSON.stringify({ documents: rows.map((row) => ({ ...(JSON.parse(row.data) as object), _deleted: false })) });
      documents += rows.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].seq;
    }
    return { ms: clock() - t0, documents };
  } finally {
    db.close();
  }
}

export async function pullServer(report: Report, details: Record<string, unknown>): Promise<void> {
  const dataDir = tempDir('baton-bench-pull-');
  try {
    details.seedMs = Math.round(await seed(dataDir));
    const server = await startServer({ dataDir, env: { BATON_LOG_LEVEL: 'warn' } });
    const stop = trackServer(() => server.stop());
    try {
      const { token } = await login(server.url, 'manager', 'bench-pull');
      const expected = (await pullAll(server.url, token)).documents; // warms the server (and its statement cache)
      if (expected < TASKS) throw new Error(`only ${expected} of ${TASKS}+ tasks were pulled`);
      const pulls: { ms: number; documents: number; pages: number; bytes: number }[] = [];
      const reference: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await pullAll(server.url, token);
        if (run.documents !== expected) throw new Error(`run ${i + 1} pulled ${run.documents} tasks, the first ${expected}`);
        pulls.push(run);
        reference.push(readAndSerialize(sqliteFileIn(dataDir)).ms);
      }
      const ms = summarize(pulls.map((p) => p.ms));
      const ref = summarize(reference);
      details.pull = { documents: expected, pages: pulls[0].pages, bytes: pulls[0].bytes, ms, referenceMs: ref };
      report.figure(
        S,
        `${(expected / 1000).toFixed(0)}k tasks, ${pulls[0].pages} pages of ${PAGE}: last page received (p50 of ${RUNS})`,
        ms.p50,
        'ms',
        { kind: 'max', value: FLOOR_MS },
        `${(pulls[0].bytes / 2 ** 20).toFixed(0)} MiB; ${load()}`,
      );
      report.figure(S, '  reference: read + parse + serialize from SQLite', ref.p50, 'ms');
      report.figure(S, '  ratio pull / reference', ms.p50 / ref.p50, '×');
    } finally {
      await stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
