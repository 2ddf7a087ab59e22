// The admin's "Workstations & audit" tab: enrollment codes and tokens, enrolled workstations and
// revoking them, the update policy, live sessions, the audit export.
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
    await this.page
      .getByRole('button', { name: `Revoke the session of ${displayName}` })
      .first()
      .click();
  }

  async exportAudit(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('audit-export').click()]);
    return download;
  }

  /** Creates a location token for `uses` workstations over `days`; the token as shown ('' when refused). */
  async createEnrollmentToken(uses: string, days: string): Promise<string> {
    const card = this.page.getByTestId('enrollment-token-card');
    await card.getByTestId('token-uses').fill(uses);
    await card.getByTestId('token-days').fill(days);
    await card.getByTestId('create-enrollment-token').click();
    const shown = card.getByTestId('enrollment-token-value').or(card.getByTestId('enrollment-token-error'));
    await shown.first().waitFor();
    const value = card.getByTestId('enrollment-token-value');
    return (await value.count()) > 0 ? ((await value.textContent())?.trim() ?? '') : '';
  }

  enrollmentTokenError() {
    return this.page.getByTestId('enrollment-token-error');
  }

  async refreshWorkstations(): Promise<void> {
    await this.page.getByTestId('enrolled-workstations').getByRole('button', { name: 'Refresh' }).click();
  }

  workstationRow(name: string) {
    return this.page.getByTestId('workstation-row').filter({ hasText: name });
  }

  /** Opens the confirmation for revoking `name` and confirms it (or cancels). */
  async revokeWorkstation(name: string, confirm = true): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke workstation ${name}` }).click();
    const dialog = this.page.getByTestId('confirm-revoke-workstation-dialog');
    await dialog.waitFor();
    if (confirm) await dialog.getByTestId('confirm-revoke-workstation').click();
    else await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** The update policy form's values, once loaded. */
  async updatePolicy(): Promise<{ channel: string; version: string; rolloutPercent: string }> {
    const card = this.page.getByTestId('update-policy-card');
    await card.getByTestId('save-update-policy').and(this.page.locator(':enabled')).waitFor();
    return {
      channel: await card.getByTestId('policy-channel').inputValue(),
      version: await card.getByTestId('policy-version').inputValue(),
      rolloutPercent: await card.getByTestId('policy-rollout').inputValue(),
    };
  }

  /** Fills and saves the update policy (see updatePolicyMessage for the outcome). */
  async saveUpdatePolicy(values: { channel: string; version: string; rolloutPercent: string }): Promise<void> {
    const card = this.page.getByTestId('update-policy-card');
    await this.updatePolicy();
    await card.getByTestId('policy-channel').fill(values.channel);
    await card.getByTestId('policy-version').fill(values.version);
    await card.getByTestId('policy-rollout').fill(values.rolloutPercent);
    await card.getByTestId('save-update-policy').click();
  }

  /** "Saved…" or the error shown under the update policy, '' when neither. */
  async updatePolicyMessage(): Promise<string> {
    const card = this.page.getByTestId('update-policy-card');
    const outcome = card.getByTestId('update-policy-saved').or(card.getByTestId('update-policy-error'));
    return (await outcome.count()) > 0 ? ((await outcome.first().textContent()) ?? '') : '';
  }
}
