// `npm run fuzz [-- --requests N] [-- --seed N] [-- --request I[,J]] [-- --warmup N] [-- --trace FILE]`: hostile requests against a
// real server process. Exit 1 on any 5xx, crash, hang over 5 s, memory not back within 20% of its
// start, or a broken audit chain. A finding replays alone with --seed S --request I.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fuzzRun, type FuzzResult } from './run';

/** Hostile requests before memory is first measured (see run.ts and the README's fuzz section). */
const WARMUP = 5000;

const Args = z.object({
  requests: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  request: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'request indexes, comma-separated')
    .transform((v) => v.split(',').map(Number))
    .optional(),
  concurrency: z.coerce.number().int().min(1).max(64).default(8),
  warmup: z.coerce.number().int().min(0).max(100_000).default(WARMUP),
  /** A file for the per-second samples, memory points and findings (JSON), to study a stall. */
  trace: z.string().min(1).optional(),
});

export function failures(r: FuzzResult): string[] {
  return [
    ...(r.serverErrors.length ? [`${r.serverErrors.length} answers of 5xx`] : []),
    ...(r.crashes.length ? [`${r.crashes.length} crashes`] : []),
    ...(r.hangs.length ? [`${r.hangs.length} hangs over 5 s`] : []),
    ...(r.rssEndKb > r.rssStartKb * 1.2 ? ['memory not back within 20%'] : []),
    ...(r.auditOk ? [] : ['audit chain broken']),
  ];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string' },
      seed: { type: 'string' },
      request: { type: 'string' },
      concurrency: { type: 'string' },
      warmup: { type: 'string' },
      trace: { type: 'string' },
    },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(`fuzz: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  const args = parsed.data;
  const result = await fuzzRun({
    seed: args.seed,
    requests: args.requests,
    only: args.request,
    concurrency: args.concurrency,
    warmup: args.warmup,
    log: (line) => console.log(`  ${line}`),
  });
  if (args.trace) fs.writeFileSync(args.trace, JSON.stringify(result, null, 1));
  const statuses = Object.entries(result.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  for (const f of [...result.crashes, ...result.serverErrors, ...result.hangs].slice(0, 20)) {
    console.log(
      `  ${f.outcome} at request ${f.index} (${f.kind}, sent at ${((f.sentAtMs ?? 0) / 1000).toFixed(1)} s): ${f.request}${f.context ? `\n      ${f.context}` : ''}`,
    );
  }
  for (const f of result.garbled.slice(0, 10))
    console.log(`  garbled answer (${f.outcome}) at request ${f.index} (${f.kind}): ${f.request}`);
  const hangsBy = new Map<string, number>();
  for (const h of result.hangs) {
    const where = h.request.split('?')[0].split(' ').slice(0, 2).join(' ');
    hangsBy.set(where, (hangsBy.get(where) ?? 0) + 1);
  }
  if (hangsBy.size)
    console.log(
      `  hangs by endpoint: ${[...hangsBy]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join('; ')}`,
    );
  for (const f of result.slowest)
    console.log(`  slow: ${f.ms} ms at request ${f.index} (${f.kind}, ${f.outcome}): ${f.request}\n      ${f.context ?? ''}`);
  const lags = result.samples.map((s) => s.lagMs ?? 0).sort((a, b) => a - b);
  const worst = result.samples.reduce((w, s) => ((s.lagMs ?? 0) > (w?.lagMs ?? -1) ? s : w), result.samples[0]);
  if (worst) {
    console.log(
      `  server event-loop lag, worst per second (${lags.length} samples): median ${Math.round(lags[Math.floor(lags.length / 2)])} ms, ` +
        `max ${Math.round(worst.lagMs ?? 0)} ms at ${(worst.at / 1000).toFixed(0)} s (main thread ran ${worst.cpuMs} ms, waited ${worst.waitMs} ms for a core, load ${worst.load1.toFixed(1)})`,
    );
  }
  console.log('  server memory after a full collection, kB (requests: resident = own + mapped files; JavaScript heap used / reserved):');
  if (result.memoryFresh)
    console.log(
      `    fresh, before the warm-up: ${result.memoryFresh.rssKb} = ${result.memoryFresh.anonKb} + ${result.memoryFresh.fileKb}; heap ${result.memoryFresh.heapKb} / ${result.memoryFresh.heapReservedKb}`,
    );
  for (const m of result.memory)
    console.log(`    ${m.sent}: ${m.rssKb} = ${m.anonKb} + ${m.fileKb}; heap ${m.heapKb} / ${m.heapReservedKb}`);
  const classes = Object.entries(result.byClass)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const failed = failures(result);
  console.log(
    `\nseed ${result.seed}: ${result.sent} requests in ${(result.elapsedMs / 1000).toFixed(0)} s; ${classes}; by status ${statuses}\n` +
      `latency: median ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.slowestMs} ms\n` +
      `5xx: ${result.serverErrors.length}; crashes: ${result.crashes.length}; hangs over 5 s: ${result.hangs.length} (slowest answer ${result.slowestMs} ms); ` +
      `connections reset by the server: ${result.resets}\n` +
      `server memory (resident, after a full collection): ${result.rssStartKb} kB after the warm-up, ${result.rssEndKb} kB once quiet at the end (${((result.rssEndKb / result.rssStartKb - 1) * 100).toFixed(1)}%); ` +
      `JavaScript heap after a full collection: ${result.heapStartKb} kB at start, ${result.heapEndKb} kB at the end; ` +
      `audit chain ${result.auditOk ? 'intact' : 'BROKEN'} (${result.auditEntries} entries)\n` +
      (failed.length ? `FAIL: ${failed.join(', ')} (replay: npm run fuzz -- --seed ${result.seed} --request I)` : 'ok'),
  );
  return failed.length ? 1 : 0;
}

// Exit explicitly: a helper left behind (a bundler service, a stray child) must not keep it running.
process.exit(await main());
