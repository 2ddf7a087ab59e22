// Scenario 8: the board over a replica of 10,000 tasks in Debian's Chromium (the real web host and
// renderer, a manager's encrypted replica filled by replication from the real sync server), driven
// with Playwright as a person does: searching, opening tasks, editing a task in its panel. Each
// figure is measured in the page (stopwatch.ts) and compared with a reference measured in the same
// page in the same run (benchmarks/README.md says why each reference).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BoardPage } from '../tests/e2e/pages/BoardPage';
import { ensureRendererBuilt } from '../tests/e2e/support/build';
import { ARM, FILTER_AND_FRAME, FRAME, TASK_WRITE_STAMPS } from './board/stopwatch';
import { load, replicaCount } from './kpi-browser';
import { managerBoard, withFreshChromium } from './lib/chromium';
import { withCpuProfile } from './lib/cpu-profile';
import { benchTask, seedTasks } from './lib/fixtures';
import type { Report } from './lib/report';
import { startBatonServer } from './lib/servers';
import { summarize } from './lib/stats';

const S = 'board';
const TASKS = Number(process.env.BENCH_BOARD_TASKS ?? 10_000);
const DEMO_TASKS = 40;
const SEARCHES = 30;
const OPENS = 24;
const EDITS = 30;
/** A person typing a word (about 80 words a minute). */
const KEY_DELAY_MS = 60;
const WAIT_MS = 20_000;

interface Watch {
  start: number;
  done: number;
  painted: number;
  full: number;
}

const arm = (page: Page, arg: Record<string, unknown>) => page.evaluate(`(${ARM})(${JSON.stringify(arg)})`);
const frame = (page: Page) => page.evaluate<number>(`(${FRAME})()`);

/** Waits for the armed stopwatch's painted frame and returns it. */
async function read(page: Page): Promise<Watch> {
  await page.waitForFunction(
    () => {
      const m = (globalThis as unknown as { boardWatch: Watch }).boardWatch;
      return m.painted > 0 && m.full > 0;
    },
    undefined,
    {
      timeout: WAIT_MS,
    },
  );
  return page.evaluate(() => (globalThis as unknown as { boardWatch: Watch }).boardWatch);
}

/** Waits until the board's columns count `total` tasks and none is loading. */
async function showsTotal(page: Page, total: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      !document.querySelector('[data-testid="board"] [aria-busy="true"]') &&
      [...document.querySelectorAll('[data-testid="column-count"]')].reduce((sum, el) => sum + Number(el.textContent), 0) === n,
    total,
    { timeout: 60_000 },
  );
}

/** `bench #<n>`: a word of the seeded titles; each key narrows the hits (a prefix of n matches more). */
function needles(count: number): string[] {
  const step = Math.floor(TASKS / count);
  return Array.from({ length: count }, (_, i) => `bench #${1 + i * step + (i % 7) * 13}`);
}

async function searches(page: Page, board: BoardPage, unfiltered: number) {
  const times: number[] = [];
  const references: number[] = [];
  const filters: number[] = [];
  for (const [i, needle] of needles(SEARCHES + 2).entries()) {
    await board.search('');
    await showsTotal(page, unfiltered);
    const reference = await page.evaluate<{ hits: number; filterMs: number; ms: number }>(
      `(${FILTER_AND_FRAME})(${JSON.stringify(needle)})`,
    );
    await arm(page, { kind: 'search', expected: reference.hits });
    await board.typeInSearch(needle, KEY_DELAY_MS);
    const watch = await read(page);
    if (i < 2) continue; // the first searches warm the code paths up
    times.push(watch.painted - watch.start);
    references.push(reference.ms);
    filters.push(reference.filterMs);
  }
  await board.search('');
  await showsTotal(page, unfiltered);
  return { times, references, filters };
}

/**
 * BENCH_BOARD_PROFILE=<folder>: a CPU profile of each phase, for Chromium's DevTools; with
 * BENCH_BOARD_TRACE=1 a performance trace instead (style, layout, paint as well). Diagnostics only.
 */
async function profiled<T>(page: Page, name: string, phase: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_BOARD_PROFILE;
  if (!folder) return phase();
  if (!process.env.BENCH_BOARD_TRACE) return withCpuProfile(page, path.join(folder, `board-${name}.cpuprofile`), phase);
  fs.mkdirSync(folder, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...data.value));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8',
    transferMode: 'ReportEvents',
  });
  const result = await phase();
  await cdp.send('Tracing.end');
  await complete;
  fs.writeFileSync(path.join(folder, `board-${name}.trace.json`), JSON.stringify({ traceEvents: events }));
  await cdp.detach();
  return result;
}

async function opens(page: Page, board: BoardPage, ids: string[]) {
  const times: number[] = [];
  const references: number[] = [];
  const shown: number[] = [];
  const whole: number[] = [];
  for (const [i, id] of ids.slice(0, OPENS + 2).entries()) {
    references.push(await frame(page));
    await arm(page, { kind: 'open', id });
    await board.cardById(id).click();
    const watch = await read(page);
    await board.drawer.closeWithEscape();
    if (i < 2) references.pop();
    else {
      times.push(watch.painted - watch.start);
      shown.push(watch.done - watch.start);
      whole.push(watch.full - watch.start);
    }
  }
  return { times, references, shown, whole };
}

async function edits(page: Page, board: BoardPage, ids: string[]) {
  const shown: number[] = [];
  const painted: number[] = [];
  const writes: number[] = [];
  for (const [i, id] of ids.slice(0, EDITS + 2).entries()) {
    await board.cardById(id).click();
    await board.drawer.waitOpen();
    const current = await board.cardById(id).locator('.MuiChip-label').first().textContent();
    const label = current === 'Urgent' ? 'High' : 'Urgent';
    await board.drawer.choose('priority', label);
    const before = await page.evaluate(() => (globalThis as unknown as { boardBenchWrites: number[] }).boardBenchWrites.length);
    await arm(page, { kind: 'edit', id, label });
    await board.drawer.saveDetails();
    const watch = await read(page);
    // The card may show the edit before the write commits: wait for the commit too.
    const committed = await page.waitForFunction(
      ([from, start]) => (globalThis as unknown as { boardBenchWrites: number[] }).boardBenchWrites.slice(from).find((t) => t >= start),
      [before, watch.start] as const,
      { timeout: WAIT_MS },
    );
    const write = await committed.jsonValue();
    await board.drawer.closeWithEscape();
    if (i < 2) continue;
    if (write === undefined) throw new Error('no write to the tasks store after Save');
    shown.push(watch.done - watch.start);
    painted.push(watch.painted - watch.start);
    writes.push(write - watch.start);
  }
  return { shown, painted, writes };
}

export async function boardBench(report: Report, details: Record<string, unknown>): Promise<void> {
  ensureRendererBuilt();
  const server = await startBatonServer({ BATON_LOG_LEVEL: 'silent' });
  try {
    const seed = await seedTasks(server.url, TASKS);
    details.seedMs = Math.round(seed.ms);
    const docs = Array.from({ length: TASKS }, (_, i) => {
      const { title, patientRef } = benchTask(i);
      return { title, patientRef };
    });
    await withFreshChromium(async (context) => {
      const { page, board, errors } = await managerBoard(context, server.url, (p) => p.addInitScript(TASK_WRITE_STAMPS));
      const expected = TASKS + DEMO_TASKS;
      const started = Date.now();
      while ((await replicaCount(page)) < expected) {
        if (Date.now() - started > 300_000) throw new Error(`the replica holds ${await replicaCount(page)} of ${expected} tasks`);
        await page.waitForTimeout(500);
      }
      details.replicationMs = Date.now() - started;
      await showsTotal(page, expected);
      await page.evaluate((d) => ((globalThis as unknown as { boardBenchDocs: unknown }).boardBenchDocs = d), docs);
      // Let the work that follows a sign-in on a full replica settle (the dashboard's worker warming).
      await page.waitForTimeout(3000);

      const search = await profiled(page, 'search', () => searches(page, board, expected));
      const s = summarize(search.times);
      const sRef = summarize(search.references);
      report.figure(
        S,
        `search: last keystroke to the board filtered, painted (p95 of ${s.count})`,
        s.p95,
        'ms',
        { kind: 'max', value: 50 },
        `p50 ${s.p50.toFixed(1)} ms; ${load()}`,
      );
      report.figure(
        S,
        `  reference: Array.filter of the ${TASKS.toLocaleString('en-US')} + the next frame (p95)`,
        sRef.p95,
        'ms',
        undefined,
        `filter alone p95 ${summarize(search.filters).p95.toFixed(2)} ms`,
      );
      report.figure(S, `  ratio search / reference (p95)`, s.p95 / sRef.p95, '×');
      const ids = await board.columnCards('new').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-task-id') ?? ''));
      const open = await profiled(page, 'open', () => opens(page, board, ids));
      const o = summarize(open.times);
      const oRef = summarize(open.references);
      report.figure(
        S,
        `open task: click on a card to its panel painted (p95 of ${o.count})`,
        o.p95,
        'ms',
        { kind: 'max', value: 100 },
        `p50 ${o.p50.toFixed(1)} ms; in the DOM p50 ${summarize(open.shown).p50.toFixed(1)} ms; ${load()}`,
      );
      const full = summarize(open.whole);
      report.figure(
        S,
        `  the panel whole: details form and history drawn too (p95)`,
        full.p95,
        'ms',
        undefined,
        `p50 ${full.p50.toFixed(1)} ms`,
      );
      report.figure(S, `  reference: the next painted frame (p95)`, oRef.p95, 'ms');
      report.figure(S, `  ratio open / reference (p95)`, o.p95 / oRef.p95, '×');
      const edit = await profiled(page, 'edit', () => edits(page, board, ids));
      if (errors.length) throw new Error(`page errors: ${errors.slice(0, 3).join('; ')}`);
      const e = summarize(edit.shown);
      const w = summarize(edit.writes);
      report.figure(
        S,
        `local edit: Save to the card showing it (p95 of ${e.count})`,
        e.p95,
        'ms',
        { kind: 'max', value: 16 },
        `p50 ${e.p50.toFixed(1)} ms; painted p95 ${summarize(edit.painted).p95.toFixed(1)} ms; ${load()}`,
      );
      report.figure(S, `  reference: the write, Save to IndexedDB's commit (p95)`, w.p95, 'ms', undefined, `p50 ${w.p50.toFixed(1)} ms`);
      report.figure(S, `  ratio edit / write (p95)`, e.p95 / w.p95, '×');
      Object.assign(details, {
        search: { ...s, reference: sRef },
        open: { ...o, reference: oRef },
        edit: { ...e, write: w, painted: summarize(edit.painted) },
      });
    });
  } finally {
    await server.dispose();
  }
}
