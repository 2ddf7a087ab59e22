// Runs dashboard jobs in the worker (a large replica) or inline (no Worker: Node tests); the
// answers are checked against the report's schema either way.
import { z } from 'zod';
import { KpiReport, type KpiFigure } from '../../../shared/kpi';
import { TaskStoreCheckpoint, type IndexedDbApi } from '../../db/task-store-reader';
import { KpiRun, type Applied, type KpiJob, type Resume } from './kpi-job';

export interface KpiEngine {
  /** Loads the tasks kept for the replica `key` across a reload (before any job); what the first job reads on from. */
  restore(key: string): Promise<Resume | undefined>;
  compute(job: KpiJob): Promise<KpiReport>;
  /** Brings the worker's tasks up to the replica without computing figures. */
  apply(job: KpiJob): Promise<Applied>;
  behind(figure: KpiFigure): Promise<string[]>;
  close(): void;
}

const Answer = z.union([
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);

const ResumeAnswer = z.object({ checkpoint: TaskStoreCheckpoint, fingerprint: z.string() }).nullable();
const AppliedAnswer = z.object({ upserted: z.array(z.string()), removed: z.array(z.string()), parts: z.number() });

/**
 * `idb`: the IndexedDB the replica is in (Node tests pass fake-indexeddb). Nothing is kept across a
 * restart: only a worker writes the files the digests are kept in (digest-store.ts).
 */
export function inlineEngine(idb: IndexedDbApi): KpiEngine {
  const run = new KpiRun(idb);
  return {
    restore: async () => undefined,
    compute: async (job) => run.compute(job),
    apply: async (job) => run.apply(job),
    behind: async (figure) => run.behind(figure),
    close: () => void run.flush(),
  };
}

export function workerEngine(): KpiEngine {
  if (typeof Worker === 'undefined') return inlineEngine({ indexedDB, IDBKeyRange });
  const worker = new Worker(new URL('./kpi.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  let jobs: Promise<unknown> = Promise.resolve();
  worker.onmessage = (event: MessageEvent) => {
    const answer = Answer.safeParse(event.data);
    if (!answer.success) return;
    const pending = waiting.get(answer.data.id);
    waiting.delete(answer.data.id);
    if (answer.data.ok) pending?.resolve(answer.data.result);
    else pending?.reject(new Error(answer.data.message));
  };
  const call = (message: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  // Jobs go in the order they were made: a job may carry the configuration the next one counts on.
  const send = (type: 'compute' | 'apply', job: KpiJob) => {
    const run = jobs.then(() => call({ type, job }));
    jobs = run.catch(() => undefined);
    return run;
  };
  return {
    restore: async (key) => ResumeAnswer.parse(await call({ type: 'restore', key })) ?? undefined,
    compute: async (job) => KpiReport.parse(await send('compute', job)),
    apply: async (job) => AppliedAnswer.parse(await send('apply', job)),
    behind: async (figure) => z.array(z.string()).parse(await call({ type: 'behind', figure })),
    close: () => {
      worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error('The dashboard was closed'));
      waiting.clear();
    },
  };
}
