// Coverage end to end in the web host: a review naming a provider waits for that provider only;
// once a manager marks the provider out (staff list) with Dr. Chen covering, Dr. Chen's approval
// window shows it and Dr. Chen decides it; Dr. Chen's board has a Covering view of the provider's
// open work. A front-desk user sets their own out-of-office from the user menu.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../shared/coverage/coverage';
import { DEMO_LOCATION } from '../../shared/config/demo';
import { addStaffPerson } from '../support/admin-access';
import { newTaskDoc, signIn, type Api } from '../support/api';
import { startServer, type RunningServer } from '../support/server-process';
import { AdminPage } from './pages/AdminPage';
import { clearReviewQueue, seedForReview, serverTasks } from './pages/ApprovalApi';
import { ApprovalPage } from './pages/ApprovalPage';
import { BoardPage } from './pages/BoardPage';
import { OutOfOfficeDialog } from './pages/OutOfOfficeDialog';
import { SignInPage } from './pages/SignInPage';
import { ensureRendererBuilt } from './support/build';
import { launchBrowser, openWorkstation, type Workstation } from './support/browser';

const poll = { timeout: 30_000, interval: 200 };
const DAY = 86_400_000;

let server: RunningServer;
let browser: Browser;
let admin: Api;
let manager: Api;
let referrals: Api;
let patel: string;
const open: Workstation[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(server.url, 'admin', 'ws-coverage-seed-a');
  manager = await signIn(server.url, 'manager', 'ws-coverage-seed-m');
  referrals = await signIn(server.url, 'referrals', 'ws-coverage-seed-r');
  patel = await addStaffPerson(admin, { username: 'drpatel', displayName: 'Dr. Rosa Patel', role: 'clinician' });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.context.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(username: string): Promise<{ ws: Workstation; board: BoardPage }> {
  const ws = await openWorkstation(browser);
  open.push(ws);
  const signInPage = new SignInPage(ws.page);
  await signInPage.goto(server.url);
  await signInPage.signIn(username);
  const board = new BoardPage(ws.page);
  await board.waitReady();
  return { ws, board };
}

describe('coverage', () => {
  it('sends a provider’s review to their coverer while they are out, and shows the coverer their open work', async () => {
    await clearReviewQueue(manager);
    const run = Math.random().toString(36).slice(2, 7);
    const patelReview = `Referral for Dr. Patel ${run}`;
    const chenReview = `Referral for Dr. Chen ${run}`;
    const patelWork = `Chart review owned by Dr. Patel ${run}`;
    const [patelId] = await seedForReview(referrals, [{ title: patelReview, priority: 'urgent' }], patel);
    await seedForReview(referrals, [{ title: chenReview, priority: 'normal' }]);
    // Open work of Dr. Patel's in the clinicians' queue.
    const now = new Date().toISOString();
    const work = newTaskDoc({
      title: patelWork,
      typeId: 'clinical_review_sign_off',
      queue: 'clinician',
      category: 'clinical',
      status: 'new',
      ownerId: patel,
      providerId: patel,
      patientRef: 'MRN 400100 C.V.',
      description: 'Review the chart.',
      channel: 'fax',
      dueAt: new Date(Date.now() + 2 * DAY).toISOString(),
      createdAt: now,
      updatedAt: now,
      createdBy: manager.userId,
    });
    expect((await manager.post('/api/sync/tasks/push', [{ newDocumentState: work }])).body).toEqual([]);

    // Dr. Chen's approval window: their own review, not Dr. Patel's.
    const chen = await signedIn('clinician');
    const approval = new ApprovalPage(chen.ws.page);
    await approval.open();
    await expect.poll(() => approval.queueTitles(), poll).toContain(chenReview);
    expect(await approval.queueTitles()).not.toContain(patelReview);

    // The manager marks Dr. Patel out (yesterday to tomorrow, the location's calendar), Dr. Chen covering.
    const mgr = await signedIn('manager');
    const adminPage = new AdminPage(mgr.ws.page);
    await adminPage.open();
    await adminPage.tab('staff');
    const dialog = new OutOfOfficeDialog(mgr.ws.page);
    await dialog.openFromStaffList('Dr. Rosa Patel');
    await dialog.set(
      localDate(Date.now() - DAY, DEMO_LOCATION.timeZone),
      localDate(Date.now() + DAY, DEMO_LOCATION.timeZone),
      'Dr. Alex Chen',
    );
    await expect.poll(() => adminPage.outOfOffice('Dr. Rosa Patel'), poll).toContain('covered by Dr. Alex Chen');

    // Replicated to Dr. Chen's workstation: the review comes to them, first (urgent); they approve it.
    await expect.poll(() => approval.queueTitles(), poll).toContain(patelReview);
    await expect.poll(() => approval.currentTitle(), poll).toBe(patelReview);
    await approval.press('a');
    await approval.waitUntilWritten();
    await expect.poll(() => approval.pendingCount(), { ...poll, timeout: 40_000 }).toBe(0);
    expect((await serverTasks(manager)).get(patelId)).toMatchObject({ status: 'approved', reviewerId: 'u-clinician' });

    // The board's Covering view: Dr. Patel's open work.
    await approval.backToBoard();
    await chen.board.waitReady();
    await chen.board.openView('covering');
    await chen.board.waitForCard(patelWork);
  });

  it('lets a front-desk user set their own out-of-office from the user menu, and the server stores it', async () => {
    const { ws } = await signedIn('frontdesk');
    const dialog = new OutOfOfficeDialog(ws.page);
    await dialog.openFromUserMenu();
    await dialog.set('2031-02-03', '2031-02-07', 'Sam Okafor');
    await expect
      .poll(async () => (await admin.pullAll('config', 1000)).documents.find((d) => d.id === 'staff:u-frontdesk')?.body, poll)
      .toMatchObject({ outFrom: '2031-02-03', outTo: '2031-02-07', coveredBy: 'u-billing' });
  });
});
