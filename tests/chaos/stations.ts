// The chaos workstations' worker threads, kept for run after run: starting ten of them (each
// loading RxDB and the replication client) costs more than a run's edits on a loaded machine.
import { Worker } from 'node:worker_threads';
import { bundled } from '../support/bundle';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol';

/** One worker, with a request/answer helper over its messages. */
export class Station {
  private readonly worker: Worker;
  private readonly waiting: { type: FromWorker['type']; resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(
    file: string,
    setup: WorkerSetup,
    readonly index: number,
  ) {
    this.worker = new Worker(file, { workerData: setup });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    };
    this.worker.on('message', (message: FromWorker) => {
      if (message.type === 'failed') return fail(new Error(`workstation ${index}: ${message.error}`));
      const i = this.waiting.findIndex((w) => w.type === message.type);
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(message);
    });
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`workstation ${index} exited (${code})`)));
  }

  get broken(): boolean {
    return this.failure !== undefined;
  }

  /** Sends `message` and waits for the worker's next answer of `type`. */
  ask<T extends FromWorker['type']>(type: T, message: ToWorker): Promise<Extract<FromWorker, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    const answer = new Promise<FromWorker>((resolve, reject) => this.waiting.push({ type, resolve, reject }));
    this.worker.postMessage(message);
    return answer as Promise<Extract<FromWorker, { type: T }>>;
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export class StationPool {
  private constructor(
    readonly stations: Station[],
    /** [0]: pushes in flight across all stations. */
    readonly inFlight: Int32Array,
  ) {}

  static async start(count: number): Promise<StationPool> {
    const file = await bundled('tests/chaos/workstation-worker.ts');
    const shared = new SharedArrayBuffer(4);
    return new StationPool(
      Array.from({ length: count }, (_, i) => new Station(file, { inFlight: shared }, i)),
      new Int32Array(shared),
    );
  }

  get broken(): boolean {
    return this.stations.some((s) => s.broken);
  }

  async close(): Promise<void> {
    await Promise.all(this.stations.map((s) => s.terminate()));
  }
}
