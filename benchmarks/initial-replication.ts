// Scenario 3: a fresh replica's initial replication in Chromium (the app's storage, encrypted), 10,000 and 50,000 tasks,
// from the Baton server and from the websocket reference server with the same client database.
import { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchPage } from './browser/build';
import type { PageInput, PageOutput } from './browser/page';
import { withFreshChromium } from './lib/chromium';
import { withCpuProfile } from './lib/cpu-profile';
import { benchTask, login, seedTasks } from './lib/fixtures';
import { startReferenceServer } from './lib/reference';
import type { Report } from './lib/report';
import { startBatonServer } from './lib/servers';
import { withTimeout } from './lib/stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIO = 'initial-replication';
const DEMO_TASKS = 40;
const SIZES = [
  { tasks: 10_000, floorMs: 3_000 },
  { tasks: 50_000, floorMs: 12_000 },
];

/** Raw IndexedDB put speed of this browser on this machine, for context (not a floor). */
async function calibrate(url: string, count: number): Promise<number> {
  const now = Date.now();
  const docs = Array.from({ length: count }, (_, i) => ({ ...benchTask(i), _deleted: false, _meta: { lwt: now + i }, _rev: '1-bench' }));
  return withFreshChromium(async (context) => {
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.waitForFunction(() => (globalThis as unknown as { benchReady?: boolean }).benchReady === true, undefined, {
      timeout: 30_000,
    });
    return page.evaluate(
      (arg) => (globalThis as unknown as { rawIndexedDbPut(d: unknown[]): Promise<number> }).rawIndexedDbPut(arg),
      docs as unknown[],
    );
  });
}

export async function runPage(url: string, input: PageInput): Promise<PageOutput> {
  return withFreshChromium(async (context) => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${url}/`);
    await page.waitForFunction(() => (globalThis as unknown as { benchReady?: boolean }).benchReady === true, undefined, {
      timeout: 30_000,
    });
    const profileDir = process.env.BENCH_PROFILE;
    const output = await withCpuProfile(
      page,
      profileDir && path.join(profileDir, `${input.mode}-${input.expected}.cpuprofile`),
      () =>
        withTimeout(
          page.evaluate((arg) => (globalThis as unknown as { runBench(i: PageInput): Promise<PageOutput> }).runBench(arg), input),
          90_000,
          `initial replication of ${input.expected} tasks (${input.mode}${input.encryption ? `, ${input.encryption}` : ''})`,
        ),
      500,
    );
    output.errors.push(...pageErrors);
    return output;
  });
}

export async function initialReplication(report: Report, details: Record<string, unknown>): Promise<void> {
  const batchSize = Number(process.env.BENCH_PULL_BATCH ?? 1000);
  // The app's pull pace unless set (1e12: RxDB's own, no pace), to compare.
  const pullAhead = process.env.BENCH_PULL_AHEAD ? Number(process.env.BENCH_PULL_AHEAD) : undefined;
  const storage = z
    .enum(['dexie', 'memory', 'log'])
    .optional()
    .parse(process.env.BENCH_CLIENT_STORAGE || undefined);
  // Also time the next start on the stored replica, and a full read of it.
  const scan = process.env.BENCH_SCAN === '1';
  const pageDir = path.join(ROOT, '.tmp/bench-page');
  await buildBenchPage(pageDir);
  const server = await startBatonServer({ BATON_STATIC_DIR: pageDir });
  try {
    // A manager reads every queue: the demo's 40 tasks and every seeded one.
    const { token, user } = await login(server.url, 'manager', 'bench-chromium');
    const rawMs = await calibrate(server.url, 10_000);
    details.rawIndexedDbPut10kMs = Math.round(rawMs);
    report.figure(SCENARIO, 'calibration: 10k plain IndexedDB puts, no RxDB', rawMs, 'ms', undefined, 'one store, 4 indexes');
    let seeded = 0;
    const only = process.env.BENCH_SIZES?.split(',').map(Number);
    for (const size of SIZES) {
      if (only && !only.includes(size.tasks)) continue;
      const label = `${size.tasks / 1000}k`;
      const seed = await seedTasks(server.url, size.tasks - seeded, { offset: seeded });
      seeded = size.tasks;
      details[`seed${label}Ms`] = Math.round(seed.ms);
      const expected = DEMO_TASKS + size.tasks;
      // Encrypted at rest, as the app's replica: both clients pay for the sealing.
      const common = {
        token,
        userId: user.id,
        expected,
        batchSize,
        boardPage: 50,
        pullAhead,
        storage,
        scan,
        encryption: 'aes-gcm' as const,
      };

      const ours = await runPage(server.url, { ...common, mode: 'baton' });
      details[`baton${label}`] = ours;
      if (ours.count < expected) throw new Error(`Baton: only ${ours.count} of ${expected} tasks arrived (${ours.errors.join('; ')})`);
      report.figure(SCENARIO, `${label} tasks: all in replica (Baton)`, ours.inSyncMs, 'ms', { kind: 'max', value: size.floorMs });
      report.figure(
        SCENARIO,
        `${label} tasks: first usable board (Baton)`,
        ours.firstUsableMs,
        'ms',
        undefined,
        'first column page of 50 and the practice configuration',
      );
      if (ours.reopenMs !== undefined)
        report.figure(
          SCENARIO,
          `${label} tasks: next start, first board page (Baton)`,
          ours.reopenMs,
          'ms',
          undefined,
          'replica opened again',
        );
      if (ours.scanMs !== undefined) report.figure(SCENARIO, `${label} tasks: next start, read every task (Baton)`, ours.scanMs, 'ms');
      if (ours.transferMs !== undefined)
        report.figure(SCENARIO, `${label} tasks: last page received from server (Baton)`, ours.transferMs, 'ms');

      const reference = await startReferenceServer({ seedCount: size.tasks });
      try {
        const theirs = await runPage(server.url, { ...common, mode: 'reference', wsUrl: reference.url });
        details[`reference${label}`] = theirs;
        if (theirs.count < expected)
          throw new Error(`reference: only ${theirs.count} of ${expected} tasks arrived (${theirs.errors.join('; ')})`);
        report.figure(SCENARIO, `${label} tasks: all in replica (reference)`, theirs.inSyncMs, 'ms');
        report.figure(SCENARIO, `${label} tasks: first usable board (reference)`, theirs.firstUsableMs, 'ms');
        // Issue 18: half the reference's time with the same client database.
        report.figure(SCENARIO, `${label} tasks: Baton/reference ratio (all in replica)`, ours.inSyncMs / theirs.inSyncMs, '×', {
          kind: 'max',
          value: 0.5,
        });
        report.figure(SCENARIO, `${label} tasks: Baton/reference ratio (first usable)`, ours.firstUsableMs / theirs.firstUsableMs, '×');
      } finally {
        await reference.stop();
      }
    }
  } finally {
    await server.dispose();
  }
}
