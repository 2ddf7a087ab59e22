// Typed request/answer messaging with a TypeScript worker thread.
import { Worker } from 'node:worker_threads';

export interface BenchWorker<Event> {
  /** Sends a command and resolves with the worker's answer to it. */
  call<T = unknown>(command: Record<string, unknown>): Promise<T>;
  /** Unsolicited messages (measurements) from the worker. */
  onEvent(listener: (event: Event) => void): void;
  terminate(): Promise<void>;
}

let nextCall = 0;

export function startWorker<Event = unknown>(entry: URL, data: Record<string, unknown> = {}): BenchWorker<Event> {
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { ...data, entry: entry.href } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners: ((event: Event) => void)[] = [];
  worker.on('message', (message: { callId?: number; result?: unknown; error?: string; event?: Event }) => {
    if (message.callId !== undefined) {
      const call = pending.get(message.callId);
      pending.delete(message.callId);
      if (message.error !== undefined) call?.reject(new Error(message.error));
      else call?.resolve(message.result);
    } else if (message.event !== undefined) {
      for (const listener of listeners) listener(message.event);
    }
  });
  worker.on('error', (error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  });
  worker.on('exit', (code) => {
    for (const call of pending.values()) call.reject(new Error(`worker exited with ${code}`));
    pending.clear();
  });
  return {
    call: <T>(command: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const callId = nextCall++;
        pending.set(callId, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ ...command, callId });
      }),
    onEvent: (listener) => listeners.push(listener),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
