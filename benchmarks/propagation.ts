// Scenarios 1 and 2: propagation across 20 simulated workstations, against the Baton server and
// against RxDB's websocket reference server with the same client databases and workload.
import os from 'node:os';
import { runPropagation, type PropagationResult } from './propagation/scenario';
import { startReferenceServer } from './lib/reference';
import type { Report } from './lib/report';
import { startBatonServer } from './lib/servers';

const WRITES = Number(process.env.BENCH_PROPAGATION_WRITES ?? 200);
const INTERVAL_MS = Number(process.env.BENCH_PROPAGATION_INTERVAL_MS ?? 100);

function describe(result: PropagationResult) {
  return { ...result, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))) };
}

/** The CPU a write costs: on 2 shared cores, what the receivers queue behind. */
function cpuFigures(report: Report, section: string, result: PropagationResult, suffix: string): void {
  report.figure(section, `server CPU per write${suffix}`, result.cpuPerWrite.server, 'ms');
  report.figure(section, `20 workstations' CPU per write${suffix}`, result.cpuPerWrite.workstations, 'ms');
}

export async function propagation(report: Report, details: Record<string, unknown>): Promise<PropagationResult> {
  const server = await startBatonServer();
  try {
    const result = await runPropagation({ kind: 'baton', url: server.url, serverPid: server.pid, writes: WRITES, intervalMs: INTERVAL_MS });
    details.baton = describe(result);
    const s = 'propagation';
    report.figure(s, `p50 write → other replica (${result.pairs} pairs)`, result.latency.p50, 'ms', { kind: 'max', value: 50 });
    report.figure(s, 'p99 write → other replica', result.latency.p99, 'ms', { kind: 'max', value: 250 });
    report.figure(s, 'p90 / max', result.latency.p90, 'ms', undefined, `max ${result.latency.max.toFixed(0)} ms`);
    report.figure(s, '(write, receiver) pairs never delivered', result.missing, 'pairs', { kind: 'max', value: 0 });
    cpuFigures(report, s, result, '');
    return result;
  } finally {
    await server.dispose();
  }
}

export async function propagationReference(
  report: Report,
  details: Record<string, unknown>,
  ours: PropagationResult | undefined,
): Promise<void> {
  const server = await startReferenceServer();
  try {
    const result = await runPropagation({
      kind: 'reference',
      url: server.url,
      serverPid: server.pid,
      writes: WRITES,
      intervalMs: INTERVAL_MS,
    });
    details.reference = describe(result);
    const s = 'propagation-reference';
    report.figure(s, `p50 write → other replica (reference, ${result.pairs} pairs)`, result.latency.p50, 'ms');
    report.figure(s, 'p99 write → other replica (reference)', result.latency.p99, 'ms');
    report.figure(s, '(write, receiver) pairs never delivered (reference)', result.missing, 'pairs');
    cpuFigures(report, s, result, ' (reference)');
    if (ours) {
      report.figure(s, 'Baton/reference ratio p50', ours.latency.p50 / result.latency.p50, '×');
      report.figure(s, 'Baton/reference ratio p99', ours.latency.p99 / result.latency.p99, '×');
    }
  } finally {
    await server.stop();
  }
}
