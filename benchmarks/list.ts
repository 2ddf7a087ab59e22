// Scenario 8: the list view over 50,000 tasks in Chromium (a manager's encrypted replica
// filled by replication from the real server). Figures: the click on List to its first rows drawn
// (the live query of every task, sorting, the first screen of rows), the same once RxDB holds the
// query (back from the board), a click on a column header to the re-sorted first row, a jump to the
// list's end, and scrolling 300 frames a wheel notch and a whole screen per frame (frame gaps, the
// longest main-thread task, the most rows ever in the DOM). Reference in the same page: the replica's
// stored tasks read at once (IndexedDB getAll, encrypted), the least any reader of every task pays.
import type { Page } from 'playwright-core';
import { ListPage } from '../tests/e2e/pages/ListPage';
import { ensureRendererBuilt } from '../tests/e2e/support/build';
import { load, replicaStore } from './kpi-browser';
import { managerBoard, withFreshChromium } from './lib/chromium';
import { seedTasks } from './lib/fixtures';
import type { Report } from './lib/report';
import { startBatonServer } from './lib/servers';

const S = 'list';
const TASKS = Number(process.env.BENCH_LIST_TASKS ?? 50_000);
const SCROLL_FRAMES = 300;
/** A mouse wheel's notch in Chromium. */
const WHEEL_PX = 100;

/**
 * In-page stopwatch: from the next click on `clickSelector` until `doneCheck` (an expression) holds,
 * then the next frame; the longest main-thread task meanwhile. A string: the bench runs under tsx,
 * whose helpers in a function's source do not exist in the page.
 */
const stopwatch = (clickSelector: string, doneCheck: string) => `(() => {
  const m = { clicked: 0, done: 0, ready: 0, longest: 0 };
  globalThis.listStopwatch = m;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (m.clicked && e.startTime + e.duration >= m.clicked && (!m.ready || e.startTime <= m.ready)) m.longest = Math.max(m.longest, e.duration);
  }).observe({ type: 'longtask' });
  document.addEventListener('click', (e) => {
    if (!m.clicked && e.target.closest(${JSON.stringify(clickSelector)})) m.clicked = performance.now();
  }, { capture: true });
  const check = () => {
    if (!m.clicked || m.done) return;
    if (${doneCheck}) {
      m.done = performance.now();
      requestAnimationFrame(() => (m.ready = performance.now()));
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

interface Timing {
  ms: number;
  longestTaskMs: number;
}

async function timeClick(page: Page, clickSelector: string, doneCheck: string, click: () => Promise<void>): Promise<Timing> {
  await page.evaluate(stopwatch(clickSelector, doneCheck));
  await click();
  await page.waitForFunction(() => (globalThis as unknown as { listStopwatch: { ready: number } }).listStopwatch.ready > 0, undefined, {
    timeout: 300_000,
  });
  const m = await page.evaluate(
    () => (globalThis as unknown as { listStopwatch: { clicked: number; ready: number; longest: number } }).listStopwatch,
  );
  return { ms: m.ready - m.clicked, longestTaskMs: m.longest };
}

const LIST_SHOWN = `document.querySelector('[data-testid="task-list"][aria-busy="false"] [data-testid="task-row"]') && /tasks?$/.test(document.querySelector('[data-testid="list-total"]')?.textContent ?? '')`;

interface ScrollRun {
  frames: number;
  maxGapMs: number;
  p95GapMs: number;
  longestTaskMs: number;
  maxRows: number;
  emptyFrames: number;
}

/**
 * `frames` steps down, one per animation frame, each `step` px (0: a whole screen, a fling); after
 * each frame: the frame gap, the rows in the DOM, and whether a row covers the top of the view.
 */
const SCROLL = (frames: number, step: number) => `(async () => {
  const scroller = document.querySelector('[data-testid="task-list-scroller"]');
  scroller.scrollTop = 0;
  let longest = 0;
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
  observer.observe({ type: 'longtask' });
  const gaps = [];
  let maxRows = 0;
  let emptyFrames = 0;
  let last = await new Promise((r) => requestAnimationFrame(r));
  for (let i = 0; i < ${frames}; i++) {
    scroller.scrollTop += ${step} || scroller.clientHeight;
    const t = await new Promise((r) => requestAnimationFrame(r));
    gaps.push(t - last);
    last = t;
    const rows = scroller.querySelectorAll('[data-testid="task-row"]');
    maxRows = Math.max(maxRows, rows.length);
    const top = scroller.getBoundingClientRect().top + 40;
    const shown = [...rows].some((r) => { const b = r.getBoundingClientRect(); return b.top <= top && b.bottom >= top; });
    if (!shown) emptyFrames++;
  }
  observer.disconnect();
  gaps.sort((a, b) => a - b);
  return { frames: gaps.length, maxGapMs: gaps[gaps.length - 1], p95GapMs: gaps[Math.floor(gaps.length * 0.95)], longestTaskMs: longest, maxRows, emptyFrames };
})()`;

export async function listBench(report: Report, details: Record<string, unknown>): Promise<void> {
  ensureRendererBuilt();
  const server = await startBatonServer({ BATON_SLA_AUTOMATION: '0' });
  try {
    const seeded = await seedTasks(server.url, TASKS);
    details.seedMs = Math.round(seeded.ms);
    await withFreshChromium(async (context) => {
      const { page, board, errors } = await managerBoard(context, server.url);
      const replicating = Date.now();
      while ((await replicaStore(page)).count < TASKS) {
        if (Date.now() - replicating > 600_000) throw new Error(`the replica holds ${(await replicaStore(page)).count} of ${TASKS} tasks`);
        await page.waitForTimeout(1000);
      }
      details.replicationMs = Date.now() - replicating;
      // A new start of the app on the full replica; the list is opened as soon as the board shows.
      await page.reload();
      await board.waitReady();
      const list = new ListPage(page);
      const first = await timeClick(page, '[data-testid="view-list"]', LIST_SHOWN, () => board.showList());
      const total = await list.total();
      await board.showBoard();
      const again = await timeClick(page, '[data-testid="view-list"]', LIST_SHOWN, () => board.showList());
      const firstId = await list.rows().first().getAttribute('data-task-id');
      const sort = await timeClick(
        page,
        '[data-testid="sort-title"]',
        `document.querySelector('[data-testid="task-row"]')?.dataset.taskId !== ${JSON.stringify(firstId)}`,
        () => list.sortBy('Task'),
      );
      const jumpStart = await page.evaluate(() => performance.now());
      await list.scrollToEnd();
      await page.waitForFunction(() => {
        const table = document.querySelector('[data-testid="task-list"]');
        const rows = table?.querySelectorAll('tbody tr[aria-rowindex]') ?? [];
        return rows.length > 0 && rows[rows.length - 1].getAttribute('aria-rowindex') === table?.getAttribute('aria-rowcount');
      });
      const jumpMs = (await page.evaluate(() => performance.now())) - jumpStart;
      const fling = await page.evaluate<ScrollRun>(SCROLL(SCROLL_FRAMES, 0));
      const wheel = await page.evaluate<ScrollRun>(SCROLL(SCROLL_FRAMES, WHEEL_PX));
      const raw = await replicaStore(page);
      if (errors.length) throw new Error(`page errors: ${errors.slice(0, 3).join('; ')}`);
      const label = `${(TASKS / 1000).toFixed(0)}k`;
      report.figure(
        S,
        `Chromium, ${label} tasks: List click to first rows drawn`,
        first.ms,
        'ms',
        undefined,
        `${total} tasks listed; longest task ${Math.round(first.longestTaskMs)} ms; ${load()}`,
      );
      report.figure(
        S,
        `  again, back from the board (RxDB holds the query)`,
        again.ms,
        'ms',
        undefined,
        `longest task ${Math.round(again.longestTaskMs)} ms`,
      );
      report.figure(
        S,
        `  click on the Task header to the re-sorted first row`,
        sort.ms,
        'ms',
        undefined,
        `longest task ${Math.round(sort.longestTaskMs)} ms`,
      );
      report.figure(S, `  jump to the end (scroll bar) to the last row drawn`, jumpMs, 'ms', undefined, 'includes a Playwright round trip');
      for (const [what, run] of [
        [`a wheel notch (${WHEEL_PX} px)`, wheel],
        ['a whole screen (a fling)', fling],
      ] as const) {
        report.figure(
          S,
          `  scroll ${what} a frame, ${run.frames} frames: p95 frame gap`,
          run.p95GapMs,
          'ms',
          undefined,
          `max ${Math.round(run.maxGapMs)} ms, longest task ${Math.round(run.longestTaskMs)} ms, at most ${run.maxRows} rows in the DOM, ${run.emptyFrames} frames without a row at the top`,
        );
      }
      report.figure(
        S,
        `  reference: the replica's stored tasks read at once (IndexedDB getAll)`,
        raw.readMs,
        'ms',
        undefined,
        `${raw.count} documents`,
      );
      report.figure(S, `  ratio first rows / that read`, first.ms / raw.readMs, '×');
      Object.assign(details, { first, again, sort, jumpMs, wheel, fling, rawReadMs: raw.readMs, total });
    });
  } finally {
    await server.dispose();
  }
}
