// Issue 3 end to end: a phone request through intake, triage and routing, worked, reviewed by a
// clinician on another workstation, closed with its follow-up; a rejection and a needs-info loop;
// and a run with workstations offline in the middle. Demo config: an outbound referral routes to
// the referrals team (Priya Shah), needs clinician review, and closing it approved creates
// "Send records to the specialist" for the same owner.
import { describe, expect, it } from 'vitest';
import { STATUS_INFO } from '../../shared/workflow/statuses';
import type { MoveDialog } from './pages/MoveDialog';
import { useE2eHarness, type Desk } from './support/harness';

const poll = { timeout: 20_000, interval: 200 };
const FOLLOW_UP = 'Send records to the specialist';

const e2e = useE2eHarness();
const signedIn = (username: string) => e2e.signedIn(username);

const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

/** Front desk takes the call: an outbound referral, through intake into the referrals queue's triage. */
async function intake(desk: Desk, title: string, patientRef: string): Promise<void> {
  const form = await desk.board.newTask();
  await form.fill({
    title,
    type: 'Outbound referral',
    channel: 'Phone',
    patientRef,
    provider: 'Dr. Alex Chen',
    description: 'Caller asks for a referral to cardiology for chest pain',
  });
  await expect.poll(() => form.suggestion().textContent(), poll).toMatch(/Triage suggestion: Referral · \d+%/);
  await form.submit();
  await form.root().waitFor({ state: 'detached' });
}

/** The referrals team sees it in triage with its suggestion; the front desk, who reads only its own queue, no longer does. */
async function arrivesInTriage(team: Desk, front: Desk, title: string): Promise<void> {
  await team.board.inColumn('new', title).waitFor(poll);
  expect(await team.board.cardSuggestion(title).textContent()).toMatch(/Suggested: Referral · \d+%/);
  await expect.poll(() => front.board.card(title).count(), poll).toBe(0);
}

/** A reviewer's decision: the task leaves their replica once the server has it (their review is finished). */
async function decide(
  desk: Desk,
  drawer: Awaited<ReturnType<typeof review>>,
  actionId: string,
  fields: Parameters<MoveDialog['fill']>[0] = {},
): Promise<void> {
  const dialog = await drawer.openMove(actionId);
  await dialog.fill(fields);
  await dialog.submitAndClose();
  await expect.poll(() => desk.board.pendingCount(), poll).toBe(0);
}

/** Triage: the category is confirmed, routing names the owner before accepting. Returns the task id. */
async function triage(desk: Desk, title: string): Promise<string> {
  await desk.board.openView('triage');
  const drawer = await desk.board.openTask(title);
  await expect.poll(() => drawer.routeText(), poll).toBe('Routes to Priya Shah · Referrals');
  await drawer.accept();
  expect(await drawer.owner()).toMatch(/^Owner: Priya Shah( \(me\))?$/);
  const id = (await drawer.root().getAttribute('data-task-id')) ?? '';
  await drawer.close();
  return id;
}

/** The owner starts it, finishes the checklist and sends it to review (the check refuses it earlier). */
async function work(desk: Desk, title: string): Promise<void> {
  await desk.board.openView('mine');
  await desk.board.waitForCard(title);
  const drawer = await desk.board.openTask(title);
  await drawer.move('start', 'In progress');
  const early = await drawer.openMove('send_to_review');
  await early.submit();
  await expect.poll(() => early.error().textContent(), poll).toBe('Finish the checklist first (3 open)');
  await early.cancel();
  await drawer.checkAll();
  await drawer.move('send_to_review', 'Needs review');
}

async function review(desk: Desk, title: string) {
  await desk.board.openView('approval');
  await desk.board.waitForCard(title);
  return desk.board.openTask(title);
}

describe('the workflow across workstations', () => {
  it(
    'takes a phone request from intake through triage, work and approval to close, creating its follow-up',
    { timeout: 180_000 },
    async () => {
      const front = await signedIn('frontdesk');
      const owner = await signedIn('referrals');
      const clinician = await signedIn('clinician');
      const title = unique('Referral to cardiology');

      await intake(front, title, 'MRN 300100 C.D.');
      await arrivesInTriage(owner, front, title);
      const id = await triage(owner, title);
      await work(owner, title);

      const drawer = await review(clinician, title);
      const dialog = await drawer.openMove('approve');
      expect(await dialog.statusInfo().textContent()).toContain(STATUS_INFO.approved.exitCriteria);
      await dialog.fill({ outcome: 'approved' });
      await dialog.submitAndClose();
      // Signed off: the task leaves the clinician's approval queue and replica.
      await expect.poll(() => clinician.board.card(title).count(), poll).toBe(0);

      // The owner sees the decision live and closes it: the follow-up appears in triage, owner pre-set.
      const ownerDrawer = owner.board.drawer;
      await ownerDrawer.statusShown('Approved').waitFor(poll);
      await ownerDrawer.move('close', 'Closed');
      await ownerDrawer.close();
      for (const desk of [owner, front]) {
        await desk.board.openView('triage');
        const followUp = desk.board.cardById(`${id}-fu0`);
        await followUp.waitFor(poll);
        expect(await desk.board.cardTitle(followUp).textContent()).toBe(FOLLOW_UP);
        expect(await desk.board.cardOwner(followUp).textContent()).toContain('Priya Shah');
      }
      // The history names the actions and who took them (the owner still reads the closed task).
      const history = await owner.board.openView('board').then(() => owner.board.openTask(title));
      await expect.poll(() => history.historyEntries().filter({ hasText: 'Dr. Alex Chen approved it' }).count(), poll).toBe(1);
      await expect.poll(() => history.historyEntries().filter({ hasText: 'Priya Shah sent it for review' }).count(), poll).toBe(1);
      // Said as sentences: the checklist's ticks by name, this workstation's own entries as such.
      expect(
        await history
          .historyEntries()
          .filter({ hasText: /Priya Shah .*ticked “/ })
          .count(),
      ).toBeGreaterThan(0);
      expect(
        await history.historyEntries().filter({ hasText: 'Priya Shah' }).filter({ hasText: 'this workstation' }).count(),
      ).toBeGreaterThan(0);
      for (const desk of [front, owner, clinician]) expect(desk.ws.errors).toEqual([]);
    },
  );

  it('sends a task back for information, then rejects it with a reason code: rework counted, no follow-up', async () => {
    const front = await signedIn('frontdesk');
    const owner = await signedIn('referrals');
    const clinician = await signedIn('clinician');
    const title = unique('Referral to dermatology');

    await intake(front, title, 'MRN 300200 E.F.');
    await arrivesInTriage(owner, front, title);
    const id = await triage(owner, title);
    await work(owner, title);

    const drawer = await review(clinician, title);
    await decide(clinician, drawer, 'request_info', { reasonCode: 'Clinical notes needed', reasonNote: 'Attach the last visit note' });

    const ownerDrawer = owner.board.drawer;
    await ownerDrawer.statusShown('Needs info').waitFor(poll);
    await ownerDrawer.reworkShown('Rework 1').waitFor(poll);
    await ownerDrawer.move('resume', 'In progress');
    await ownerDrawer.move('send_to_review', 'Needs review');

    // Back in review: it is in the clinician's replica again, and the open drawer shows it.
    await drawer.statusShown('Needs review').waitFor(poll);
    const reject = await drawer.openMove('reject');
    await reject.submit();
    await expect.poll(() => reject.error().textContent(), poll).toBe('A reason code is required');
    await reject.fill({ reasonCode: 'Duplicate request' });
    await reject.submitAndClose();
    await expect.poll(() => clinician.board.pendingCount(), poll).toBe(0);

    await ownerDrawer.statusShown('Rejected').waitFor(poll);
    await ownerDrawer.reworkShown('Rework 2').waitFor(poll);
    await ownerDrawer.move('close', 'Closed');
    await expect.poll(() => owner.board.pendingCount(), poll).toBe(0);
    await ownerDrawer.close();
    // Closed as rejected: the follow-up rule (on "approved") does not fire, here or anywhere.
    await owner.board.openView('triage');
    expect(await owner.board.shownTask(`${id}-fu0`).count()).toBe(0);
    await owner.board.openView('board');
    await owner.board.inColumn('closed', title).waitFor(poll);
    expect(await front.board.shownTask(`${id}-fu0`).count()).toBe(0);
  }, 180_000);

  it('keeps the workflow going with workstations offline in the middle', async () => {
    const front = await signedIn('frontdesk');
    const owner = await signedIn('referrals');
    const clinician = await signedIn('clinician');
    const title = unique('Referral to neurology');

    // Intake with the front desk offline: saved locally, uploaded when back.
    await front.ws.context.setOffline(true);
    await expect.poll(() => front.board.syncStatus(), poll).toContain('Offline');
    await intake(front, title, 'MRN 300300 G.H.');
    // Offline, the new task stays on the front desk's board until the server has it.
    await front.board.inColumn('new', title).waitFor();
    expect(await front.board.pendingCount()).toBe(1);
    await front.ws.context.setOffline(false);
    await expect.poll(() => front.board.pendingCount(), poll).toBe(0);
    await arrivesInTriage(owner, front, title);
    const id = await triage(owner, title);

    // The owner starts online, then finishes the checklist and sends it to review offline.
    await owner.board.openView('mine');
    await owner.board.waitForCard(title);
    const ownerDrawer = await owner.board.openTask(title);
    await ownerDrawer.move('start', 'In progress');
    await expect.poll(() => owner.board.pendingCount(), poll).toBe(0);
    await owner.ws.context.setOffline(true);
    await expect.poll(() => owner.board.syncStatus(), poll).toContain('Offline');
    await ownerDrawer.checkAll();
    await ownerDrawer.move('send_to_review', 'Needs review');
    await clinician.board.openView('approval');
    expect(await clinician.board.card(title).count()).toBe(0);
    await owner.ws.context.setOffline(false);

    // The clinician approves offline; the decision uploads when the connection is back.
    const drawer = await review(clinician, title);
    await clinician.ws.context.setOffline(true);
    await expect.poll(() => clinician.board.syncStatus(), poll).toContain('Offline');
    await drawer.move('approve', 'Approved', { outcome: 'approved' });
    expect(await clinician.board.pendingCount()).toBe(1);
    await clinician.ws.context.setOffline(false);
    await expect.poll(() => clinician.board.pendingCount(), poll).toBe(0);

    await ownerDrawer.statusShown('Approved').waitFor(poll);
    await ownerDrawer.move('close', 'Closed');
    await ownerDrawer.close();
    await front.board.openView('triage');
    await front.board.cardById(`${id}-fu0`).waitFor(poll);
  }, 180_000);
});
