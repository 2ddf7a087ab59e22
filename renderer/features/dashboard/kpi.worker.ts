// The dashboard's worker: the figures of a large replica are computed here, off the board's
// thread, so the board stays responsive; its tasks are kept across a reload in this worker's
// IndexedDB (digest-store.ts). Messages in and out are checked.
import { z } from 'zod';
import { KpiFigure, type KpiTask } from '../../../shared/kpi';
import { KpiRun, type KpiJob } from './kpi-job';

const Job = z.custom<KpiJob>(
  (v) => typeof v === 'object' && v !== null && Array.isArray((v as KpiJob).upserts) && Array.isArray((v as KpiJob).removed),
);
const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('restore'), id: z.number(), key: z.string().min(1) }),
  z.object({ type: z.literal('compute'), id: z.number(), job: Job }),
  z.object({ type: z.literal('apply'), id: z.number(), job: Job }),
  z.object({ type: z.literal('behind'), id: z.number(), figure: KpiFigure }),
  z.object({ type: z.literal('put'), id: z.number(), tasks: z.custom<KpiTask[]>((v) => Array.isArray(v)) }),
]);

let run = new KpiRun();
const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void };

async function handle(request: z.infer<typeof Request>): Promise<unknown> {
  switch (request.type) {
    case 'restore':
      run = new KpiRun({ factory: indexedDB, key: request.key });
      return (await run.restore()) ?? null;
    case 'compute':
      return run.compute(request.job);
    case 'apply':
      return run.apply(request.job);
    case 'put':
      return run.put(request.tasks);
    case 'behind':
      return run.behind(request.figure);
  }
}

// One message at a time, in order (a restore reads IndexedDB before the jobs after it run).
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  const parsed = Request.safeParse(event.data);
  if (!parsed.success) return;
  const request = parsed.data;
  queue = queue.then(async () => {
    try {
      scope.postMessage({ id: request.id, ok: true, result: (await handle(request)) ?? null });
    } catch (error) {
      scope.postMessage({ id: request.id, ok: false, message: (error as Error).message });
    }
  });
};
