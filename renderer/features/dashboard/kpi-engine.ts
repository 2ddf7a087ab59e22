// Runs dashboard jobs in the worker (a large replica) or inline (no Worker: Node tests); the
// answers are checked against the report's schema either way.
import { z } from 'zod';
import { KpiReport, type KpiFigure } from '../../../shared/kpi';
import { ReplicaCheckpoint } from './digest-store';
import { KpiRun, type KpiJob, type Resume } from './kpi-job';

export interface KpiEngine {
  /** Loads the tasks kept for the replica `key` across a reload (before any job); what the first job reads on from. */
  restore(key: string): Promise<Resume | undefined>;
  compute(job: KpiJob): Promise<KpiReport>;
  /** Brings the worker's tasks up to the job without computing figures. */
  apply(job: KpiJob): Promise<void>;
  behind(figure: KpiFigure): Promise<string[]>;
  close(): void;
}

const Answer = z.union([
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);

const HANDOVER = 1000;

const ResumeAnswer = z.object({ checkpoint: ReplicaCheckpoint, fingerprint: z.string() }).nullable();

/** `factory`: an IndexedDB to keep the tasks in across a restart (Node tests pass fake-indexeddb). */
export function inlineEngine(factory?: IDBFactory): KpiEngine {
  let run = new KpiRun();
  return {
    restore: async (key) => {
      run = new KpiRun(factory && { factory, key });
      return run.restore();
    },
    compute: async (job) => run.compute(job),
    apply: async (job) => run.apply(job),
    behind: async (figure) => run.behind(figure),
    close: () => void run.flush(),
  };
}

export function workerEngine(): KpiEngine {
  if (typeof Worker === 'undefined') return inlineEngine();
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
  // One job's messages all go before the next job's: a job may carry the configuration or tasks
  // that the next one counts on the worker having.
  const send = (type: 'compute' | 'apply', job: KpiJob) => {
    const run = jobs.then(async () => {
      // A large read goes over in parts, each copied to the worker in a short task of its own.
      let rest = job.upserts;
      while (rest.length > HANDOVER) {
        await call({ type: 'put', tasks: rest.slice(0, HANDOVER) });
        rest = rest.slice(HANDOVER);
      }
      return call({ type, job: { ...job, upserts: rest } });
    });
    jobs = run.catch(() => undefined);
    return run;
  };
  return {
    restore: async (key) => ResumeAnswer.parse(await call({ type: 'restore', key })) ?? undefined,
    compute: async (job) => KpiReport.parse(await send('compute', job)),
    apply: async (job) => void (await send('apply', job)),
    behind: async (figure) => z.array(z.string()).parse(await call({ type: 'behind', figure })),
    close: () => {
      worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error('The dashboard was closed'));
      waiting.clear();
    },
  };
}
