// Scenario 5: sustained server push rate. A few concurrent clients push batches of new tasks over
// HTTP as fast as the server answers; the rate is measured over the steady state (after warm-up).
import { benchTask, login, pushBatch, pushBody } from './lib/fixtures';
import type { Report } from './lib/report';
import { startBatonServer } from './lib/servers';
import { clock, summarize } from './lib/stats';

const S = 'push-rate';
const CLIENTS = Number(process.env.BENCH_PUSH_CLIENTS ?? 4);
const BATCH = Number(process.env.BENCH_PUSH_BATCH ?? 200);
const WARMUP_MS = 1500;
const MEASURE_MS = 6000;
/** 48,000 tasks: more than the server takes in 7.5 s on this class of machine. */
const MAX_BATCHES = 240;

export async function pushRate(report: Report, details: Record<string, unknown>): Promise<void> {
  const server = await startBatonServer();
  try {
    // Managers read every queue the bench tasks go to: the server answers nothing back (a filer who
    // cannot read a task's queue gets a removal for it in the answer).
    const users = ['manager'];
    const sessions = await Promise.all(
      Array.from({ length: CLIENTS }, (_, c) => login(server.url, users[c % users.length], `bench-push-${c}`)),
    );
    // Bodies are built before the clock starts: the load generator shares the machine's 2 cores
    // with the server and should spend them on sending, not on building documents.
    const bodies = Array.from({ length: MAX_BATCHES }, (_, b) =>
      pushBody(Array.from({ length: BATCH }, (_, k) => benchTask(b * BATCH + k))),
    );
    const completions: { t: number; docs: number; ms: number }[] = [];
    let refused = 0;
    let next = 0;
    const start = clock();
    const end = start + WARMUP_MS + MEASURE_MS;
    await Promise.all(
      sessions.map(async ({ token }) => {
        while (clock() < end && next < bodies.length) {
          const body = bodies[next++];
          const sent = clock();
          const answer = await pushBatch(server.url, token, body);
          const t = clock();
          refused += answer.length;
          completions.push({ t, docs: BATCH, ms: t - sent });
        }
      }),
    );
    const from = start + WARMUP_MS;
    const inWindow = completions.filter((c) => c.t >= from && c.t <= end);
    const docs = inWindow.reduce((n, c) => n + c.docs, 0);
    const windowMs = Math.min(end, Math.max(...inWindow.map((c) => c.t))) - from;
    const rate = docs / (windowMs / 1000);
    const latency = summarize(inWindow.map((c) => c.ms));
    details.pushRate = {
      clients: CLIENTS,
      batch: BATCH,
      docsInWindow: docs,
      windowMs: Math.round(windowMs),
      totalDocs: next * BATCH,
      refused,
      batchLatency: latency,
    };
    report.figure(S, `sustained push rate (${CLIENTS} clients × ${BATCH}-task batches)`, rate, 'docs/s', { kind: 'min', value: 2000 });
    report.figure(S, 'push batch latency p50', latency.p50, 'ms', undefined, `p99 ${latency.p99.toFixed(0)} ms`);
    report.figure(S, 'rows refused or answered', refused, 'rows', { kind: 'max', value: 0 });
  } finally {
    await server.dispose();
  }
}
