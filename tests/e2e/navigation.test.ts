// Getting around the app: the approval window's button for people who give sign-offs, and the
// practice configuration in the user menu for those who may change it; nobody else sees either.
import { describe, expect, it } from 'vitest';
import { useE2eHarness } from './support/harness';
import { AdminPage } from './pages/AdminPage';
import { ApprovalPage } from './pages/ApprovalPage';

const e2e = useE2eHarness();
const board = (username: string) => e2e.signedIn(username);

describe('navigation by role', () => {
  it(
    'a clinician opens the approval window from the top bar; the front desk has no such button and no configuration',
    { timeout: 120_000 },
    async () => {
      const clinician = await board('clinician');
      await clinician.board.approvalsButton().click();
      await new ApprovalPage(clinician.ws.page).waitShown(20_000);
      expect(await clinician.ws.page.evaluate(() => window.location.hash)).toBe('#/approval');

      const frontDesk = await board('frontdesk');
      expect(await frontDesk.board.approvalsButton().count()).toBe(0);
      const entries = await frontDesk.board.userMenuEntries();
      expect(entries).toContain('sign-out');
      expect(entries).not.toContain('open-admin');
    },
  );

  it('an admin opens the practice configuration from the user menu', { timeout: 120_000 }, async () => {
    const admin = await board('admin');
    expect(await admin.board.approvalsButton().count()).toBe(0);
    await admin.board.openPracticeConfiguration();
    await new AdminPage(admin.ws.page).waitShown();
  });
});
