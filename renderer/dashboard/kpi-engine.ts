// Where the dashboard's store lives: a worker (the board's thread stays free while a large replica
// is computed) or inline where there is no Worker (Node tests). Answers are checked against the
// report's schema either way.
import { z } from 'zod';
import { KpiReport, type KpiFigure } from '../../shared/kpi';
import { applyKpiMessage, KpiStore, type KpiMessage, type KpiWindow } from './kpi-job';

type Notice = Extract<KpiMessage, { type: 'upsert' | 'remove' | 'practice' }>;

export interface KpiEngine {
  /** Hands over tasks, deletions or the configuration (in order with everything else sent). */
  send(notice: Notice): void;
  compute(window: KpiWindow, locationIds: string[]): Promise<KpiReport>;
  behind(figure: KpiFigure): Promise<string[]>;
  close(): void;
}

const Answer = z.union([z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }), z.object({ id: z.number(), ok: z.literal(false), message: z.string() })]);

export function inlineEngine(): KpiEngine {
  const store = new KpiStore();
  return {
    send: (notice) => applyKpiMessage(store, notice),
    compute: async (window, locationIds) => store.compute(window, locationIds),
    behind: async (figure) => store.behind(figure),
    close: () => undefined,
  };
}

export function workerEngine(): KpiEngine {
  if (typeof Worker === 'undefined') return inlineEngine();
  const worker = new Worker(new URL('./kpi.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
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
    send: (notice) => worker.postMessage(notice),
    compute: async (window, locationIds) => KpiReport.parse(await call({ type: 'compute', window, locationIds })),
    behind: async (figure) => z.array(z.string()).parse(await call({ type: 'behind', figure })),
    close: () => {
      worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error('The dashboard was closed'));
      waiting.clear();
    },
  };
}
