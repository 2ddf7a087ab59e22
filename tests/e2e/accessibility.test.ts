// Every screen of the app passes axe-core: no serious or critical WCAG 2.1 A/AA violation (contrast
// at least 4.5:1 among them), a main landmark, all content in landmarks, and a level-1 heading.
// Light theme only: the app has no other.
import { describe, expect, it } from 'vitest';
import { request, signIn as apiSignIn } from '../support/api';
import { AdminPage, type AdminTab } from './pages/AdminPage';
import { seedForReview } from './pages/ApprovalApi';
import { attachFile, fileTask } from './pages/AttachmentsApi';
import { AttachmentsSection } from './pages/AttachmentsSection';
import { ApiKeysSection } from './pages/ApiKeysSection';
import { WebhooksSection } from './pages/WebhooksSection';
import { ApprovalPage } from './pages/ApprovalPage';
import { InboundSection } from './pages/InboundSection';
import { DashboardPage } from './pages/DashboardPage';
import { LockPage } from './pages/LockPage';
import { PeopleSection } from './pages/PeopleSection';
import { RequestPage } from './pages/RequestPage';
import { WorkstationsSection } from './pages/WorkstationsSection';
import { SignInPage } from './pages/SignInPage';
import { TourPage } from './pages/TourPage';
import { seriousViolations } from './support/axe';
import { useE2eHarness } from './support/harness';
import { tinyPdf } from './support/tiny-pdf';

// Two weeks of history, so the dashboard's charts draw bars and the board's cards carry every chip.
const e2e = useE2eHarness({ env: { BATON_DEMO_HISTORY_DAYS: '14' } });
const ADMIN_TABS: AdminTab[] = [
  'task_types',
  'routing',
  'reasons',
  'staff',
  'labels',
  'locations',
  'patient_requests',
  'people',
  'workstations',
  'api_keys',
  'webhooks',
  'inbound',
];

describe('accessibility (axe-core)', () => {
  it('the sign-in screen', async () => {
    const ws = await e2e.workstation();
    expect(await seriousViolations(ws.page)).toEqual([]);
  });

  it('the lock screen', async () => {
    const { ws } = await e2e.signedIn('frontdesk');
    const lock = new LockPage(ws.page);
    await lock.lockFromMenu();
    await lock.waitShown();
    expect(await seriousViolations(ws.page)).toEqual([]);
  });

  it('the first-run tour, on each of its pages', async () => {
    const ws = await e2e.workstation();
    await new SignInPage(ws.page).signIn('frontdesk', undefined, { tour: true });
    const tour = new TourPage(ws.page);
    await tour.root().waitFor({ timeout: 30_000 });
    const byPage: string[][] = [];
    for (let page = 0; page < 3; page++) {
      byPage.push(await seriousViolations(ws.page));
      await tour.next();
    }
    expect(byPage).toEqual([[], [], []]);
  });

  it('the board, its shortcut help, the task panel, the intake dialog and the list', async () => {
    const { ws, board } = await e2e.signedIn('frontdesk');
    const byScreen: Record<string, string[]> = {};
    byScreen.board = await seriousViolations(ws.page);

    await board.press('?');
    await board.shortcutHelp().waitFor();
    byScreen.shortcutHelp = await seriousViolations(ws.page);
    await board.press('Escape');
    await board.shortcutHelp().waitFor({ state: 'detached' });

    const [title] = await board.cardTitles();
    await board.openTask(title);
    byScreen.taskPanel = await seriousViolations(ws.page);
    await board.drawer.close();

    await board.newTask();
    byScreen.intake = await seriousViolations(ws.page);
    await board.intake.close();

    await board.showList();
    byScreen.list = await seriousViolations(ws.page);
    expect(byScreen).toEqual({ board: [], shortcutHelp: [], taskPanel: [], intake: [], list: [] });
  });

  it('a task’s documents and the document viewer', async () => {
    const frontdesk = await apiSignIn(e2e.server.url, 'frontdesk', 'ws-a11y-documents');
    const task = await fileTask(frontdesk, 'Referral packet (a11y)', frontdesk.userId);
    const pdf = { name: 'referral.pdf', type: 'application/pdf', bytes: tinyPdf(['Referral letter', 'Page two']) };
    expect((await attachFile(e2e.server.url, frontdesk, task.id, pdf)).status).toBe(201);
    const { ws, board } = await e2e.signedIn('frontdesk');
    await board.waitForCard(task.title);
    await board.openTask(task.title);
    const documents = new AttachmentsSection(ws.page);
    await documents.waitListed('referral.pdf');
    const list = await seriousViolations(ws.page);
    await (await documents.open('referral.pdf')).waitPageDrawn();
    const viewer = await seriousViolations(ws.page);
    expect({ list, viewer }).toEqual({ list: [], viewer: [] });
  });

  it("the clinician's approval window and its reason picker", async () => {
    const referrals = await apiSignIn(e2e.server.url, 'referrals', 'ws-a11y-seed');
    await seedForReview(referrals, [{ title: 'Referral to cardiology (a11y)', priority: 'high' }]);
    const { ws } = await e2e.signedIn('clinician');
    const approval = new ApprovalPage(ws.page);
    await approval.open();
    await expect.poll(() => approval.count(), { timeout: 30_000, interval: 200 }).toBeGreaterThan(0);
    const queue = await seriousViolations(ws.page);

    await approval.press('r');
    await approval.reasonPicker().waitFor();
    const reasonPicker = await seriousViolations(ws.page);
    await approval.cancelPicker();
    expect({ queue, reasonPicker }).toEqual({ queue: [], reasonPicker: [] });
  });

  it('every tab of the practice configuration', async () => {
    const { ws, board } = await e2e.signedIn('admin');
    await board.openPracticeConfiguration();
    const admin = new AdminPage(ws.page);
    await admin.waitShown();
    // Each tab as a person sees it at work: an entry open in the editor, the server's lists loaded.
    const shown: Partial<Record<AdminTab, () => Promise<void>>> = {
      task_types: () => admin.openFirstEntry(),
      routing: () => admin.openFirstEntry(),
      reasons: () => admin.openFirstEntry(),
      locations: () => admin.openFirstEntry(),
      patient_requests: () => admin.openFirstEntry(),
      people: () => new PeopleSection(ws.page).table().waitFor(),
      workstations: () => new WorkstationsSection(ws.page).sessionRows().first().waitFor(),
      api_keys: () => new ApiKeysSection(ws.page).waitLoaded(),
      webhooks: async () => {
        // A webhook registered (its secret shown once), listed, and its delivery log open.
        const hooks = new WebhooksSection(ws.page);
        await hooks.register('http://127.0.0.1:9/a11y', 'Accessibility receiver', ['task.created']);
        await hooks.openLog('Accessibility receiver');
      },
      inbound: () => new InboundSection(ws.page).waitLoaded(),
    };
    const byTab: Record<string, string[]> = {};
    for (const tab of ADMIN_TABS) {
      await admin.showTab(tab);
      await shown[tab]?.();
      byTab[tab] = await seriousViolations(ws.page);
    }
    expect(byTab).toEqual(Object.fromEntries(ADMIN_TABS.map((tab) => [tab, []])));
  });

  it('the patient request page on a phone: its types, a form, a refused form, and the status page', async () => {
    const patient = await RequestPage.onPhone(e2e.browser);
    await patient.open(e2e.server.url, 'loc-main');
    const types = await seriousViolations(patient.page);
    await patient.chooseType('Change an appointment');
    const form = await seriousViolations(patient.page);
    // A contact that is neither a phone number nor an e-mail address (and, typed at machine speed,
    // perhaps too fast as well): the form comes back with its problems.
    await patient.fill('Your full name', 'Rosa Tran');
    await patient.fill('Date of birth', '1961-03-14');
    await patient.fill('Date of the appointment', '2027-01-12');
    await patient.fill('Phone number or e-mail address', 'call me');
    await patient.fill('What do you need?', 'I need a later time that day.');
    await patient.send();
    expect(await patient.problems()).not.toEqual([]);
    const refused = await seriousViolations(patient.page);
    const filed = await request(e2e.server.url, 'POST', '/api/intake/requests', {
      locationId: 'loc-main',
      typeId: 'billing',
      contact: 'rosa@example.com',
      text: 'Why was I billed twice?',
      fields: { name: 'Rosa Tran', dob: '1961-03-14' },
    });
    await patient.openStatus(`${e2e.server.url}/request/status/${filed.body.statusToken}`);
    const status = await seriousViolations(patient.page);
    expect({ types, form, refused, status }).toEqual({ types: [], form: [], refused: [], status: [] });
    await patient.close();
  });

  it("the manager's dashboard", async () => {
    const { ws } = await e2e.signedIn('manager');
    await new DashboardPage(ws.page).open();
    expect(await seriousViolations(ws.page)).toEqual([]);
  });
});
