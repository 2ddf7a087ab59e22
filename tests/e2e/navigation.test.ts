// Getting around the app: "Needs my approval" (the tab, its count and the approval window) for
// people who give sign-offs, the practice configuration in the user menu for those who may change
// it, and as the landing screen of the admin, who reads no task; nobody else sees either.
import { describe, expect, it } from 'vitest';
import { useE2eHarness } from './support/harness';
import { AdminPage } from './pages/AdminPage';
import { ApprovalPage } from './pages/ApprovalPage';

const e2e = useE2eHarness();
const board = (username: string) => e2e.signedIn(username);

describe('navigation by role', () => {
  it(
    'a clinician’s "Needs my approval" tab counts, shows and opens the approval window’s items; the front desk has none of it',
    { timeout: 120_000 },
    async () => {
      const clinician = await board('clinician');
      await clinician.board.openView('approval');
      await expect.poll(() => clinician.board.viewTabCount('approval')).toBeGreaterThan(0);
      const count = await clinician.board.viewTabCount('approval');
      await expect.poll(() => clinician.board.cards().count()).toBe(count);
      const onTheBoard = (await clinician.board.cardTitles()).sort();

      await clinician.board.approvalsButton().click();
      const approval = new ApprovalPage(clinician.ws.page);
      await approval.waitShown(20_000);
      expect(await clinician.ws.page.evaluate(() => window.location.hash)).toBe('#/approval');
      expect((await approval.queueTitles()).sort()).toEqual(onTheBoard);

      const frontDesk = await board('frontdesk');
      expect(await frontDesk.board.approvalsButton().count()).toBe(0);
      expect(await frontDesk.board.viewTab('approval').count()).toBe(0);
      const entries = await frontDesk.board.userMenuEntries();
      expect(entries).toContain('sign-out');
      expect(entries).not.toContain('open-admin');
    },
  );

  it('a manager opens the practice configuration from the user menu; an admin lands on it', { timeout: 120_000 }, async () => {
    const manager = await board('manager');
    await manager.board.openPracticeConfiguration();
    await new AdminPage(manager.ws.page).waitShown();

    const admin = await board('admin');
    await new AdminPage(admin.ws.page).landed().waitFor();
    expect(await admin.board.approvalsButton().count()).toBe(0);
  });
});
