// Runs dashboard jobs in the worker (a large replica) or inline (no Worker: Node tests); the
// answers are checked against the report's schema either way.
import { z } from 'zod';
import { KpiReport, type KpiFigure } from '../../../shared/kpi';
import { KpiRun, type KpiJob } from './kpi-job';

export interface KpiEngine {
  compute(job: KpiJob): Promise<KpiReport>;
  behind(figure: KpiFigure): Promise<string[]>;
  close(): void;
}

const Answer = z.union([z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }), z.object({ id: z.number(), ok: z.literal(false), message: z.string() })]);

const HANDOVER = 1000;

export function inlineEngine(): KpiEngine {
  const run = new KpiRun();
  return { compute: async (job) => run.compute(job), behind: async (figure) => run.behind(figure), close: () => undefined };
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
  return {
    compute: (job) => {
      // One job's messages all go before the next job's: a job may carry the configuration or
      // tasks that the next one counts on the worker having.
      const run = jobs.then(async () => {
        // A large first read goes over in parts, each copied to the worker in a short task of its own.
        let rest = job.upserts;
        while (rest.length > HANDOVER) {
          await call({ type: 'put', tasks: rest.slice(0, HANDOVER) });
          rest = rest.slice(HANDOVER);
        }
        return KpiReport.parse(await call({ type: 'compute', job: { ...job, upserts: rest } }));
      });
      jobs = run.catch(() => undefined);
      return run;
    },
    behind: async (figure) => z.array(z.string()).parse(await call({ type: 'behind', figure })),
    close: () => {
      worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error('The dashboard was closed'));
      waiting.clear();
    },
  };
}
