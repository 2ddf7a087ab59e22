// The dashboard's worker: the replica's tasks are read and the figures of a large replica computed
// here, off the board's thread, so the board stays responsive; its tasks are kept across a reload
// in the Origin Private File System, which only a worker writes synchronously (digest-store.ts).
// Messages in and out are checked.
import { z } from 'zod';
import { KpiFigure } from '../../../shared/kpi';
import { opfsDigestFiles } from './digest-store';
import { KpiRun, type HandedWrite, type KpiJob } from './kpi-job';

const isHandedWrite = (w: Partial<HandedWrite> | null) =>
  typeof w?.id === 'string' &&
  typeof w.lwt === 'number' &&
  typeof w.rev === 'number' &&
  (w.key === undefined || typeof w.key === 'number') &&
  (w.task === null || (typeof w.task === 'object' && w.task.id === w.id));

// The practice configuration, the key and the writes come from the board's own code: checked for shape here.
const Job = z.custom<KpiJob>((v) => {
  const job = v as Partial<KpiJob> | null;
  return (
    typeof job?.store?.database === 'string' &&
    (job.store.key === null || job.store.key instanceof CryptoKey) &&
    typeof job.window?.at === 'string' &&
    Array.isArray(job.locationIds) &&
    (job.handed === undefined || (Array.isArray(job.handed) && job.handed.every(isHandedWrite))) &&
    (job.order === undefined || (typeof job.order.stream === 'string' && Number.isInteger(job.order.n)))
  );
});
const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('restore'), id: z.number(), key: z.string().min(1) }),
  z.object({ type: z.literal('compute'), id: z.number(), job: Job }),
  z.object({ type: z.literal('apply'), id: z.number(), job: Job }),
  z.object({ type: z.literal('behind'), id: z.number(), figure: KpiFigure }),
]);

const idb = { indexedDB, IDBKeyRange };
const files = opfsDigestFiles();
// Releases before this one kept the digests in IndexedDB: that copy is never read again.
indexedDB.deleteDatabase('baton-kpi-digests');
let run = new KpiRun(idb);
const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void };

async function handle(request: z.infer<typeof Request>): Promise<unknown> {
  switch (request.type) {
    case 'restore':
      run = new KpiRun(idb, { files, key: request.key });
      return (await run.restore()) ?? null;
    case 'compute':
      return run.compute(request.job);
    case 'apply':
      return run.apply(request.job);
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
