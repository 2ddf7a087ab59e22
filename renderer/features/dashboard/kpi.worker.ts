// The dashboard's worker: the figures of a large replica are computed here, off the board's
// thread, so the board stays responsive. Messages in and out are checked.
import { z } from 'zod';
import { KpiFigure, type KpiTask } from '../../../shared/kpi';
import { KpiRun, type KpiJob } from './kpi-job';

const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('compute'), id: z.number(), job: z.custom<KpiJob>((v) => typeof v === 'object' && v !== null && Array.isArray((v as KpiJob).upserts) && Array.isArray((v as KpiJob).removed)) }),
  z.object({ type: z.literal('behind'), id: z.number(), figure: KpiFigure }),
  z.object({ type: z.literal('put'), id: z.number(), tasks: z.custom<KpiTask[]>((v) => Array.isArray(v)) }),
]);

const run = new KpiRun();
const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (event) => {
  const parsed = Request.safeParse(event.data);
  if (!parsed.success) return;
  const request = parsed.data;
  try {
    const result = request.type === 'compute' ? run.compute(request.job) : request.type === 'put' ? run.put(request.tasks) : run.behind(request.figure);
    scope.postMessage({ id: request.id, ok: true, result });
  } catch (error) {
    scope.postMessage({ id: request.id, ok: false, message: (error as Error).message });
  }
};
