// The bench page: a fresh workstation replica in Chromium (the renderer's own database on Dexie,
// with the app's settings) doing its initial replication, from the Baton server with the
// renderer's replication client or from the websocket reference server with RxDB's client.
import { openBatonDatabase } from '../../renderer/db/database';
import { startSync } from '../../renderer/sync/replication';
import { TASK_SORT } from '../../renderer/data/board-queries';
import { startReferenceSync } from '../lib/reference-client';

export interface PageInput {
  mode: 'baton' | 'reference';
  token: string;
  userId: string;
  wsUrl?: string;
  /** Tasks the server holds for this user. */
  expected: number;
  batchSize: number;
  /** A full board column: this many tasks of one status, sorted by due date. */
  boardPage: number;
  /** Records a timeline of requests and first writes (diagnostics). */
  trace?: boolean;
}

export interface PageOutput {
  /** Opening the database (IndexedDB) before replication starts. */
  openMs: number;
  /** From the start of replication until the board's first column query returns a full page. */
  firstUsableMs: number;
  /** From the start of replication until every task is in the replica (awaitInSync, then counted). */
  inSyncMs: number;
  count: number;
  errors: string[];
  trace?: string[];
}

async function runBench(input: PageInput): Promise<PageOutput> {
  const errors: string[] = [];
  const t0 = performance.now();
  const db = await openBatonDatabase({ userId: input.userId });
  const openMs = performance.now() - t0;

  const start = performance.now();
  const trace: string[] = [];
  const mark = (what: string) => input.trace && trace.push(`${(performance.now() - start).toFixed(0).padStart(6)} ${what}`);
  const tracedFetch: typeof fetch = async (url, init) => {
    mark(`> ${String(url).slice(0, 70)}`);
    const response = await fetch(url, init);
    mark(`< ${response.status} ${String(url).slice(0, 40)}`);
    return response;
  };
  if (input.trace) {
    let inserted = 0;
    db.tasks.insert$.subscribe(() => {
      inserted++;
      if (inserted === 1 || inserted % 1000 === 0) mark(`inserted ${inserted}`);
    });
  }
  let firstUsable = NaN;
  const board = db.tasks
    .find({ selector: { status: 'new' }, sort: TASK_SORT, limit: input.boardPage })
    .$.subscribe((docs) => {
      if (Number.isNaN(firstUsable) && docs.length >= input.boardPage) {
        firstUsable = performance.now() - start;
        mark('first usable');
      }
    });
  let stop: () => Promise<void>;
  if (input.mode === 'baton') {
    const sync = startSync(db, { serverUrl: '', getToken: () => input.token, pullBatchSize: input.batchSize, fetch: input.trace ? tracedFetch : undefined });
    Object.values(sync.replications).forEach((r) => r.error$.subscribe((e) => errors.push(String(e?.message ?? e))));
    await sync.awaitInSync();
    stop = sync.stop;
  } else {
    const sync = await startReferenceSync(db, input.wsUrl!, input.batchSize);
    sync.replications.forEach((r) => r.error$.subscribe((e) => errors.push(String(e?.message ?? e))));
    await sync.awaitInSync();
    stop = sync.stop;
  }
  let count = await db.tasks.count().exec();
  // awaitInSync can resolve between two pulls of a live stream; make sure every task is here.
  while (count < input.expected && performance.now() - start < 60_000) {
    await new Promise((r) => setTimeout(r, 20));
    count = await db.tasks.count().exec();
  }
  const inSyncMs = performance.now() - start;
  board.unsubscribe();
  await stop();
  await db.close();
  return { openMs, firstUsableMs: firstUsable, inSyncMs, count, errors: errors.slice(0, 5), ...(input.trace ? { trace } : {}) };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
(globalThis as unknown as { benchReady: boolean }).benchReady = true;
