// `npm run fuzz [-- --requests N] [-- --seed N] [-- --request I[,J]]`: hostile requests against a
// real server process. Exit 1 on any 5xx, crash, hang over 5 s, memory not back within 20% of its
// start, or a broken audit chain. A finding replays alone with --seed S --request I.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { fuzzRun, type FuzzResult } from './run';

const Args = z.object({
  requests: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).default(1),
  request: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'request indexes, comma-separated')
    .transform((v) => v.split(',').map(Number))
    .optional(),
  concurrency: z.coerce.number().int().min(1).max(64).default(8),
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
  const { values } = parseArgs({ options: { requests: { type: 'string' }, seed: { type: 'string' }, request: { type: 'string' }, concurrency: { type: 'string' } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(`fuzz: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  const args = parsed.data;
  const result = await fuzzRun({ seed: args.seed, requests: args.requests, only: args.request, concurrency: args.concurrency, log: (line) => console.log(`  ${line}`) });
  const statuses = Object.entries(result.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  for (const f of [...result.crashes, ...result.serverErrors, ...result.hangs].slice(0, 20)) console.log(`  ${f.outcome} at request ${f.index} (${f.kind}): ${f.request}`);
  const hangsBy = new Map<string, number>();
  for (const h of result.hangs) {
    const where = h.request.split('?')[0].split(' ').slice(0, 2).join(' ');
    hangsBy.set(where, (hangsBy.get(where) ?? 0) + 1);
  }
  if (hangsBy.size) console.log(`  hangs by endpoint: ${[...hangsBy].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join('; ')}`);
  for (const f of result.slowest) console.log(`  slow: ${f.ms} ms at request ${f.index} (${f.kind}, ${f.outcome}): ${f.request}`);
  const failed = failures(result);
  console.log(
    `\nseed ${result.seed}: ${result.sent} requests in ${(result.elapsedMs / 1000).toFixed(0)} s; answers ${statuses}\n` +
      `5xx: ${result.serverErrors.length}; crashes: ${result.crashes.length}; hangs over 5 s: ${result.hangs.length} (slowest answer ${result.slowestMs} ms); ` +
      `connections reset by the server: ${result.resets}\n` +
      `server memory: ${result.rssStartKb} kB at start, ${result.rssEndKb} kB at the end (${((result.rssEndKb / result.rssStartKb - 1) * 100).toFixed(1)}%); ` +
      `JavaScript heap after a full collection: ${result.heapStartKb} kB at start, ${result.heapEndKb} kB at the end; ` +
      `audit chain ${result.auditOk ? 'intact' : 'BROKEN'} (${result.auditEntries} entries)\n` +
      (failed.length ? `FAIL: ${failed.join(', ')} (replay: npm run fuzz -- --seed ${result.seed} --request I)` : 'ok'),
  );
  return failed.length ? 1 : 0;
}

// Exit explicitly: a helper left behind (a bundler service, a stray child) must not keep it running.
process.exit(await main());
