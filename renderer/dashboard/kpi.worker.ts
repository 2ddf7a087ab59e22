// The dashboard's worker: holds the replica's tasks (cut down, no PHI) and computes the figures
// off the board's thread, so the board stays responsive. Messages are checked before use; the
// tasks themselves were validated by the replica when they were written, so they are not parsed
// again here (a shape check per row only).
import { z } from 'zod';
import { KpiFigure } from '../../shared/kpi';
import { applyKpiMessage, KpiStore, type FedTask, type KpiMessage } from './kpi-job';
import type { PracticeConfig } from '../../shared/config/practice';

const Window = z.object({ from: z.string(), to: z.string(), at: z.string() });
const isRow = (v: unknown): v is FedTask => {
  const row = v as FedTask | null;
  return typeof row?.lwt === 'number' && typeof row.task?.id === 'string' && Array.isArray(row.task.history);
};
const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('upsert'), rows: z.array(z.custom<FedTask>(isRow)) }),
  z.object({ type: z.literal('remove'), rows: z.array(z.object({ id: z.string(), lwt: z.number() })) }),
  z.object({ type: z.literal('practice'), practice: z.custom<PracticeConfig>((v) => v instanceof Object && (v as PracticeConfig).taskTypes instanceof Map) }),
  z.object({ type: z.literal('compute'), id: z.number(), window: Window, locationIds: z.array(z.string()) }),
  z.object({ type: z.literal('behind'), id: z.number(), figure: KpiFigure }),
]);

const store = new KpiStore();
const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (event) => {
  const parsed = Request.safeParse(event.data);
  if (!parsed.success) {
    const id = (event.data as { id?: unknown } | null)?.id;
    if (typeof id === 'number') scope.postMessage({ id, ok: false, message: 'The dashboard sent a malformed request' });
    return;
  }
  const request = parsed.data as KpiMessage;
  try {
    const result = applyKpiMessage(store, request);
    if ('id' in request) scope.postMessage({ id: request.id, ok: true, result });
  } catch (error) {
    if ('id' in request) scope.postMessage({ id: request.id, ok: false, message: (error as Error).message });
  }
};
