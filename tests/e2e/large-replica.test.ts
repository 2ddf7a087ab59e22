// The board with 50,000 tasks in the replica: capped columns, a virtualized list, search that still answers.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server-process';
import { BoardPage } from './pages/BoardPage';
import { ListPage } from './pages/ListPage';
import { SignInPage } from './pages/SignInPage';
import { ensureRendererBuilt } from './support/build';
import { launchBrowser, openWorkstation, type Workstation } from './support/browser';

const TASKS = Number(process.env.BATON_E2E_LARGE_TASKS ?? 50_000);
const BATCH = 200; // the server's cap on rows per push (PUSH_ROWS_MAX)
const QUEUES = ['front_desk', 'billing', 'referrals', 'clinical_support', 'clinician', 'practice_ops'];

let server: RunningServer;
let browser: Browser;
let ws: Workstation;

async function seedTasks(): Promise<void> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'manager', password: 'baton-demo', workstationId: 'e2e-seeder' }),
  });
  const { token } = (await login.json()) as { token: string };
  const now = new Date().toISOString();
  for (let start = 0; start < TASKS; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(TASKS, start + BATCH); i++) {
      rows.push({
        newDocumentState: {
          // New tasks must start in triage (the server checks intake): the bulk all lands in 'new'.
          id: `large-${i}`,
          title: `Bulk follow-up ${i}`,
          status: 'new',
          typeId: 'general',
          queue: QUEUES[i % QUEUES.length],
          locationId: 'loc-main',
          priority: 'normal',
          ownerId: '',
          dueAt: new Date(Date.UTC(2026, 10, 1 + (i % 60))).toISOString(),
          channel: 'phone',
          patientRef: `MRN ${500000 + i} B.K.`,
          description: '',
          reasonNote: '',
          notes: [],
          createdAt: now,
          createdBy: 'u-manager',
          updatedAt: now,
          pendingSync: true,
          rev: 0,
          serverUpdatedAt: '',
          updatedBy: '',
          history: [],
          _deleted: false,
        },
      });
    }
    const response = await fetch(`${server.url}/api/sync/tasks/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    if (!response.ok) throw new Error(`seeding failed: HTTP ${response.status}`);
  }
}

const columnTotal = () => new BoardPage(ws.page).columnTotal();

beforeAll(async () => {
  ensureRendererBuilt();
  server = await startServer();
  await seedTasks();
  browser = await launchBrowser();
  ws = await openWorkstation(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe(`a replica of ${TASKS.toLocaleString('en-US')} tasks`, () => {
  it('fills the replica and keeps the board to a few thousand DOM nodes', async () => {
    // The tasks' pulls, the bootstrap worker's included (renderer/sync/bootstrap.worker.ts).
    const pulls: string[] = [];
    ws.page.on('request', (request) => {
      if (request.url().includes('/api/sync/tasks/pull?')) pulls.push(new URL(request.url()).searchParams.get('limit') ?? '');
    });
    const signIn = new SignInPage(ws.page);
    await signIn.goto(server.url);
    // A manager reads every queue; the bulk is spread over all of them.
    await signIn.signIn('manager');
    const board = new BoardPage(ws.page);
    // The practice configuration comes first: the board's views are there while it still says it
    // is getting the tasks, and it stops saying so once they are all in.
    await board.configIn().waitFor({ timeout: 60_000 });
    expect(await board.tasksFilling().isVisible()).toBe(true);
    await board.waitReady();
    expect(await board.tasksFilling().count()).toBe(0);
    await expect.poll(columnTotal, { timeout: 240_000, interval: 1000 }).toBeGreaterThanOrEqual(TASKS);
    // A first sign-in takes them in bulk, off the board's thread: a small first page, then the largest.
    expect(pulls.slice(0, 2)).toEqual(['500', '5000']);
    expect(pulls.filter((limit) => limit === '5000').length).toBeGreaterThanOrEqual(Math.floor(TASKS / 5000));

    const cards = await board.cards().count();
    expect(cards).toBeLessThanOrEqual(11 * 50);
    expect(await board.columnCards('new').count()).toBe(50);
    expect(await board.columnMore('new').textContent()).toMatch(/^[\d,]+ more/);
    expect(await board.domSize()).toBeLessThan(15_000);
  }, 300_000);

  it('finds one task by patient reference', async () => {
    const board = new BoardPage(ws.page);
    const started = Date.now();
    await board.search('mrn 512345');
    await expect.poll(() => board.cards().count(), { timeout: 30_000, interval: 250 }).toBe(1);
    expect(await board.card('Bulk follow-up 12345').count()).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    await board.search('');
    // Back to the whole board: the capped triage column (50) and the demo tasks of the other columns.
    await expect.poll(() => board.cards().count(), { timeout: 30_000, interval: 250 }).toBeGreaterThan(60);
  }, 60_000);

  it('lists every task in one scroll with only the rows in view in the page, sorted and grouped in memory', async () => {
    const board = new BoardPage(ws.page);
    const list = new ListPage(ws.page);
    await board.showList();
    await expect.poll(() => list.total(), { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(TASKS);
    expect(await list.rows().count()).toBeLessThan(100);
    await list.sortBy('Task');
    expect(await list.sortOrder('Task')).toBe('ascending');
    await list.scrollToEnd();
    await expect.poll(() => list.showsLastRow(), { timeout: 60_000, interval: 250 }).toBe(true);
    expect(await list.rows().count()).toBeLessThan(100);
    await list.groupBy('Queue');
    await expect.poll(async () => (await list.renderedGroups()).length, { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
    expect(await board.domSize()).toBeLessThan(15_000);
  }, 120_000);

  it('still takes new work and uploads it', async () => {
    const board = new BoardPage(ws.page);
    await board.showBoard();
    await (await board.newTask()).create({ title: 'New work on a busy board', type: 'General task' });
    await board.notice().waitFor();
    await expect.poll(() => board.pendingCount(), { timeout: 30_000, interval: 250 }).toBe(0);
    expect(ws.errors).toEqual([]);
  }, 60_000);
});
