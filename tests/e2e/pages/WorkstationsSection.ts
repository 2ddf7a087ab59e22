// The admin's "Workstations & audit" tab: enrollment codes, live sessions, the audit export.
import type { Download, Page } from 'playwright-core';

export class WorkstationsSection {
  constructor(private readonly page: Page) {}

  /** Issues a code for the selected location and returns it as shown. */
  async issueEnrollmentCode(): Promise<string> {
    await this.page.getByTestId('issue-enrollment-code').click();
    const code = this.page.getByTestId('enrollment-code-value');
    await code.waitFor();
    return (await code.textContent())?.trim() ?? '';
  }

  enrollmentCommand() {
    return this.page.getByTestId('enrollment-code').locator('pre');
  }

  sessionRows() {
    return this.page.getByTestId('session-row');
  }

  async revokeSessionOf(displayName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke the session of ${displayName}` }).first().click();
  }

  async exportAudit(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('audit-export').click()]);
    return download;
  }
}
