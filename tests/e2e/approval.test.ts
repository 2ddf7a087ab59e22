// The approval window in the web host: a clinician works a queue with the keyboard alone, and two
// reviewers deciding the same item while offline end with one decision and one visible "superseded".
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn, type Api } from '../support/api';
import { startServer, type RunningServer } from '../support/server-process';
import { clearReviewQueue, seedForReview, serverTasks } from './pages/ApprovalApi';
import { ApprovalPage } from './pages/ApprovalPage';
import { BoardPage } from './pages/BoardPage';
import { SignInPage } from './pages/SignInPage';
import { ensureRendererBuilt } from './support/build';
import { launchBrowser, openWorkstation, type Workstation } from './support/browser';

const poll = { timeout: 30_000, interval: 200 };

let server: RunningServer;
let browser: Browser;
let manager: Api;
let referrals: Api;
const open: Workstation[] = [];
const consoleSeen: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  server = await startServer();
  browser = await launchBrowser();
  manager = await signIn(server.url, 'manager', 'ws-approval-seed-m');
  referrals = await signIn(server.url, 'referrals', 'ws-approval-seed-r');
});

beforeEach(() => clearReviewQueue(manager));

afterEach(async () => {
  for (const ws of open) consoleSeen.push(...ws.console);
  await Promise.all(open.splice(0).map((w) => w.context.close()));
});

afterAll(async () => {
  // No patient reference ever reaches the console.
  expect(consoleSeen.filter((line) => /MRN \d/.test(line))).toEqual([]);
  await browser?.close();
  await server?.stop();
});

async function approvalWindow(username: string): Promise<{ ws: Workstation; approval: ApprovalPage }> {
  const ws = await openWorkstation(browser);
  open.push(ws);
  const signInPage = new SignInPage(ws.page);
  await signInPage.goto(server.url);
  await signInPage.signIn(username);
  await new BoardPage(ws.page).waitReady();
  const approval = new ApprovalPage(ws.page);
  await approval.open();
  await expect.poll(() => approval.syncStatus(), poll).toContain('Online');
  return { ws, approval };
}

const tag = () => Math.random().toString(36).slice(2, 7);

describe('the approval window', () => {
  it('lets a clinician work a queue of ten with the keyboard alone', async () => {
    const run = tag();
    const priorities = ['normal', 'urgent', 'low', 'high', 'normal', 'urgent', 'high', 'low', 'normal', 'high'] as const;
    const seeds = priorities.map((priority, n) => ({ title: `Cardiology referral ${n} ${run}`, priority }));
    const ids = await seedForReview(referrals, seeds);
    // The plan, by title: approve, reject (reason 2 = "Not medically necessary") or send back (1 = "Clinical notes needed").
    const planFor = (title: string) => ['approve', 'reject', 'request_info'][Number(title.split(' ')[2]) % 3];

    const {
      ws: { page },
      approval,
    } = await approvalWindow('clinician');
    await expect.poll(() => approval.count(), poll).toBe(10);
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 };
    const shown = (await approval.queueTitles()).map((t) => rank[priorities[Number(t.split(' ')[2])]]);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(shown[0]).toBe(0);

    // Move around, skip, and take a decision back before it is written.
    const first = await approval.currentTitle();
    await approval.press('j');
    expect(await approval.currentTitle()).not.toBe(first);
    await approval.press('k');
    expect(await approval.currentTitle()).toBe(first);
    await approval.press('s');
    expect(await approval.currentTitle()).not.toBe(first);
    expect((await approval.queueTitles()).at(-1)).toBe(first);
    const undone = await approval.currentTitle();
    await approval.press('a');
    await expect.poll(() => approval.count(), poll).toBe(9);
    await approval.press('u');
    await expect.poll(() => approval.count(), poll).toBe(10);
    expect(await approval.currentTitle()).toBe(undone);
    await approval.press('r');
    await approval.cancelPicker();
    expect(await approval.count()).toBe(10);
    expect(await approval.currentTitle()).toBe(undone);

    for (let left = 10; left > 0; left--) {
      const title = await approval.currentTitle();
      const plan = planFor(title);
      if (plan === 'approve') await approval.press('a');
      else if (plan === 'reject') await approval.decideWithReason('r', 2);
      else await approval.decideWithReason('i', 1);
      await expect.poll(() => approval.count(), poll).toBe(left - 1);
    }
    await approval.notice().waitFor();
    // Held decisions are written after the undo window, then uploaded.
    await approval.waitUntilWritten();
    await expect.poll(() => approval.pendingCount(), { ...poll, timeout: 40_000 }).toBe(0);

    const onServer = await serverTasks(manager);
    const outcome = ids.map((id) => {
      const task = onServer.get(id)!;
      return { title: task.title, status: task.status, reasonCode: task.reasonCode, reviewerId: task.reviewerId };
    });
    for (const task of outcome) {
      const plan = planFor(task.title);
      const expected =
        plan === 'approve'
          ? { status: 'approved', reasonCode: '' }
          : plan === 'reject'
            ? { status: 'rejected', reasonCode: 'not_medically_necessary' }
            : { status: 'needs_info', reasonCode: 'need_clinical_notes' };
      expect(task).toEqual({ title: task.title, ...expected, reviewerId: 'u-clinician' });
    }
    expect(await approval.count()).toBe(0);

    await approval.backToBoard();
    await new BoardPage(page).waitReady();
  });

  it('ends two offline decisions on one item with one decision and a visible "superseded"', async () => {
    const title = `Referral to neurology ${tag()}`;
    const [id] = await seedForReview(referrals, [{ title, priority: 'high' }]);
    const a = await approvalWindow('clinician');
    const b = await approvalWindow('manager');
    for (const side of [a, b]) {
      await expect.poll(() => side.approval.count(), poll).toBe(1);
      await side.ws.context.setOffline(true);
      await expect.poll(() => side.approval.syncStatus(), poll).toContain('Offline');
    }

    await a.approval.press('a');
    await b.approval.decideWithReason('r', 1);
    for (const side of [a, b]) {
      await expect.poll(() => side.approval.count(), poll).toBe(0);
      await side.approval.waitUntilWritten();
      await expect.poll(() => side.approval.pendingCount(), poll).toBe(1);
    }

    // The clinician's approval reaches the server first; the manager's rejection arrives second.
    await a.ws.context.setOffline(false);
    await expect.poll(() => a.approval.pendingCount(), poll).toBe(0);
    await b.ws.context.setOffline(false);
    await expect.poll(() => b.approval.pendingCount(), poll).toBe(0);

    const task = (await serverTasks(manager)).get(id)!;
    expect(task.status).toBe('approved');
    expect(task.reviewerId).toBe('u-clinician');
    const lost = task.history.flatMap((e) => e.superseded ?? []).filter((s) => s.field === 'status');
    expect(lost).toEqual([expect.objectContaining({ value: 'rejected', byActorId: 'u-manager' })]);

    await expect.poll(() => b.approval.supersededNotices().count(), poll).toBe(1);
    const text = await b.approval.supersededNotices().textContent();
    expect(text).toContain(title);
    expect(text).toContain("You decided Rejected; Dr. Alex Chen's decision Approved stands");
    expect(await a.approval.supersededNotices().count()).toBe(0);

    // Acknowledged on this workstation: remembered, so it stays gone when the window opens again.
    await b.approval.acknowledgeSuperseded();
    await expect.poll(() => b.approval.supersededNotices().count(), poll).toBe(0);
    await b.approval.backToBoard();
    await new BoardPage(b.ws.page).waitReady();
    await b.approval.open();
    await expect.poll(() => b.approval.syncStatus(), poll).toContain('Online');
    expect(await b.approval.count()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the replica's tasks are read by now
    expect(await b.approval.supersededNotices().count()).toBe(0);
    const remembered = await b.ws.page.evaluate(() => localStorage.getItem('baton.approval.acknowledged.u-manager'));
    expect(JSON.parse(remembered ?? '[]')).toEqual([expect.stringMatching(new RegExp(`^${id}:\\d+$`))]);
  });
});
