// Propagation: one of 20 simulated workstations writes, measure from the write on the writer to
// the document being in each of the 19 other replicas (every (write, receiver) pair).
import { COLLECTION_NAMES } from '../../shared/collections';
import { startWorker, type BenchWorker } from '../lib/workers';
import { clock, ownCpuMs, sleep, summarize, until, type Summary } from '../lib/stats';
import { processCpuMs } from '../../tests/support/process-cpu';
import type { PropagationEvent } from './worker';

export interface PropagationOptions {
  kind: 'baton' | 'reference';
  url: string;
  workstations?: number;
  perWorker?: number;
  writes?: number;
  intervalMs?: number;
  warmupWrites?: number;
  /** The server's process, to count the CPU it spends per write. */
  serverPid: number;
}

export interface PropagationResult {
  latency: Summary;
  pairs: number;
  missing: number;
  setupMs: number;
  /** CPU time per write during the measured writes (ms): the server's process, and the 20 workstations' (every worker thread). */
  cpuPerWrite: { server: number; workstations: number };
}

// Every workstation must read the front-desk queue the writer files into (the role policy gives
// each role its own queues): the front desk and managers, each on several workstations.
const USERS = ['frontdesk', 'manager'];

export async function runPropagation(options: PropagationOptions): Promise<PropagationResult> {
  const total = options.workstations ?? 20;
  // The free RxDB build allows 13 open collections per JS realm (error COL23).
  const perWorker = options.perWorker ?? Math.floor(12 / COLLECTION_NAMES.length);
  const writes = options.writes ?? 200;
  const intervalMs = options.intervalMs ?? 100;
  const warmup = options.warmupWrites ?? 10;
  const workers: BenchWorker<PropagationEvent>[] = [];
  const setupStart = clock();
  try {
    const names: string[][] = [];
    for (let w = 0; w * perWorker < total; w++) {
      const worker = startWorker<PropagationEvent>(new URL('./worker.ts', import.meta.url), { kind: options.kind });
      workers.push(worker);
      const users = Array.from({ length: Math.min(perWorker, total - w * perWorker) }, (_, k) => USERS[(w * perWorker + k) % USERS.length]);
      names.push(await worker.call<string[]>({ cmd: 'open', url: options.url, users }));
    }
    const writerName = names[0][0];
    const receivers = names.flat().filter((n) => n !== writerName);
    const setupMs = clock() - setupStart;

    const wrote = new Map<string, number>();
    const seen = new Map<string, Map<string, number>>();
    for (const worker of workers) {
      worker.onEvent((event) => {
        if (event.type === 'wrote') wrote.set(event.id, event.t);
        else if (event.ws !== writerName) {
          const byWs = seen.get(event.id) ?? new Map<string, number>();
          if (!byWs.has(event.ws)) byWs.set(event.ws, event.t);
          seen.set(event.id, byWs);
        }
      });
    }

    const run = async (prefix: string, count: number) => {
      await Promise.all(workers.map((w) => w.call({ cmd: 'watch', prefix })));
      await workers[0].call({ cmd: 'write', prefix, count, intervalMs });
    };
    // Warm-up (JIT, connection pools), not counted.
    await run('warmup', warmup);
    await sleep(500);
    wrote.clear();
    seen.clear();

    const cpuBefore = { server: processCpuMs(options.serverPid), workstations: ownCpuMs() };
    await run('bench', writes);
    const complete = () => [...wrote.keys()].every((id) => (seen.get(id)?.size ?? 0) >= receivers.length);
    await until(complete, 15_000, 'every receiver to have every write').catch(() => undefined);
    const cpuPerWrite = {
      server: (processCpuMs(options.serverPid) - cpuBefore.server) / writes,
      workstations: (ownCpuMs() - cpuBefore.workstations) / writes,
    };

    const latencies: number[] = [];
    let missing = 0;
    for (const [id, t0] of wrote) {
      const byWs = seen.get(id);
      for (const receiver of receivers) {
        const t = byWs?.get(receiver);
        if (t === undefined) missing++;
        else latencies.push(t - t0);
      }
    }
    return { latency: summarize(latencies), pairs: latencies.length, missing, setupMs, cpuPerWrite };
  } finally {
    await Promise.all(workers.map((w) => w.call({ cmd: 'close' }).catch(() => undefined)));
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
