// The board's side of a first sign-in's bootstrap (bootstrap.ts): whether the replica is fresh, the
// names RxDB's replication will use, and where the bootstrap runs (a worker where the page has
// them, else this thread).
import { addRxPlugin, getRxReplicationMetaInstanceSchema, hasEncryption, now } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { z } from 'zod';
import type { BatonDatabase } from '../db/database';
import { phiKeyOf } from '../db/database';
import { logDatabaseName } from '../db/log-layout';
import { logStoragePartsOf } from '../db/log-storage';
import { BootstrapOutcome, type BootstrapPlan, bootstrapTasks } from './bootstrap';

/** Runs a bootstrap, wherever it runs; rejects when stopped by `signal`. */
export type BootstrapRunner = (plan: BootstrapPlan, key: CryptoKey | null, signal: AbortSignal) => Promise<BootstrapOutcome>;

/** The first page is small, so the board shows within a second; then the pull's largest pages. */
const FIRST_PAGE = 500;
const PAGE = 5000;

/** The replication's identifier (RxDB names its bookkeeping and checkpoints after it). */
export const replicationIdentifier = (collection: string, serverUrl: string, run: string | undefined) =>
  `baton-${collection}-${serverUrl || 'origin'}${run ? `-${run}` : ''}`;

/**
 * The bootstrap of `db`'s tasks, or undefined where there is none to do: the replica is not on the
 * log storage, is sealed by another means than the app's, or has replicated before (its
 * bookkeeping holds the pull's checkpoint; the worker also finds its tasks log empty).
 */
async function planBootstrap(
  db: BatonDatabase,
  args: { serverUrl: string; token: string; run: string | undefined },
): Promise<{ plan: BootstrapPlan; key: CryptoKey | null } | undefined> {
  if (!logStoragePartsOf(db.storage)) return undefined;
  const tasks = db.tasks.schema.jsonSchema;
  const encrypted = hasEncryption(tasks);
  const key = phiKeyOf(db);
  if (encrypted && !key) return undefined;
  // The usual start, of a replica that holds tasks: known without opening anything more.
  if (await db.tasks.findOne().exec()) return undefined;
  const identifier = replicationIdentifier('tasks', args.serverUrl, args.run);
  // As RxDB's replication plugin and protocol derive them (bootstrap.test.ts holds them to it).
  const metaName = `rx-replication-meta-${await db.hashFunction(['tasks', identifier].join('-'))}`;
  const checkpointKey = `rx_storage_replication_${await db.hashFunction([`rxdbreplication${identifier}`, db.name, 'tasks'].join('||'))}`;
  const schema = getRxReplicationMetaInstanceSchema(tasks, encrypted);
  // Opened as the replication will open it: that makes its log (taking over an earlier release's).
  const meta = await db.storage.createStorageInstance({
    databaseName: db.name,
    collectionName: metaName,
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema,
    // RxDB types the database's password as any; the replication passes it on the same way.
    password: db.password as string | undefined,
    devMode: false,
  });
  try {
    if ((await meta.findDocumentsById(['down|1'], true)).length) return undefined;
  } finally {
    await meta.close();
  }
  const plan: BootstrapPlan = {
    pullUrl: `${args.serverUrl}/api/sync/tasks/pull`,
    token: args.token,
    forkLog: logDatabaseName(db.name, 'tasks', tasks.version),
    metaLog: logDatabaseName(db.name, metaName, schema.version),
    databaseToken: db.token,
    checkpointKey,
    sealedFields: encrypted ? [...(tasks.encrypted ?? [])] : [],
    since: now(),
    firstPage: FIRST_PAGE,
    page: PAGE,
  };
  return { plan, key: key ? await key : null };
}

const WorkerAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), outcome: BootstrapOutcome }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

/** In a worker of its own (bootstrap.worker.ts), ended when done or stopped. */
export function workerBootstrap(create: () => Worker): BootstrapRunner {
  return (plan, key, signal) =>
    new Promise((resolve, reject) => {
      const worker = create();
      const end = () => {
        worker.terminate();
        signal.removeEventListener('abort', stop);
      };
      // A page half written is as a crash leaves it (bootstrap.ts): the replication goes on from the last whole one.
      const stop = () => {
        end();
        reject(new Error('The bootstrap was stopped'));
      };
      signal.addEventListener('abort', stop);
      worker.onmessage = (event: MessageEvent) => {
        end();
        const answer = WorkerAnswer.safeParse(event.data);
        if (!answer.success) reject(new Error('The bootstrap worker answered something else'));
        else if (answer.data.ok) resolve(answer.data.outcome);
        else reject(new Error(answer.data.message));
      };
      worker.onerror = (event: ErrorEvent) => {
        end();
        reject(new Error(`The bootstrap worker failed: ${event.message}`));
      };
      worker.postMessage({ plan, key });
    });
}

/**
 * The app's: a worker where the page has workers (vite bundles it), else on this thread with the
 * log storage's own IndexedDB and lock.
 */
export function defaultBootstrap(db: BatonDatabase, doFetch: typeof fetch): BootstrapRunner | undefined {
  const parts = logStoragePartsOf(db.storage);
  if (!parts) return undefined;
  if (typeof Worker === 'undefined') return (plan, key, signal) => bootstrapTasks(plan, key, { fetch: doFetch, ...parts }, signal);
  return workerBootstrap(() => new Worker(new URL('./bootstrap.worker.ts', import.meta.url), { type: 'module' }));
}

/**
 * Bootstraps `db`'s tasks when the replica is fresh, in the window that replicates (RxDB's leader),
 * before its replication starts. Never fails: whatever it did not do, the replication does.
 */
export async function bootstrapFirst(
  db: BatonDatabase,
  runner: BootstrapRunner | undefined,
  args: {
    serverUrl: string;
    token: () => string;
    run: string | undefined;
    waitForLeadership: boolean;
    signal: AbortSignal;
    /** Told once the replica is found fresh: its tasks come now, in this window or the one that replicates. */
    onFresh?: () => void;
  },
): Promise<BootstrapOutcome | undefined> {
  if (!runner) return undefined;
  const plan = () => planBootstrap(db, { serverUrl: args.serverUrl, token: args.token(), run: args.run });
  try {
    let planned = await plan();
    if (!planned) return undefined;
    args.onFresh?.();
    if (args.waitForLeadership && db.multiInstance) {
      addRxPlugin(RxDBLeaderElectionPlugin);
      const aborted = new Promise<void>((resolve) => args.signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([db.waitForLeadership(), aborted]);
      // Another window may have done it meanwhile; the time and the token are the ones of now.
      planned = args.signal.aborted ? undefined : await plan();
    }
    if (!planned || args.signal.aborted) return undefined;
    return await runner(planned.plan, planned.key, args.signal);
  } catch {
    return undefined;
  }
}
