// The out-of-office dialog (staff list "Set…", or "Out of office…" in the user menu): days and coverer.
import type { Page } from 'playwright-core';
import { openDialog, pickOption } from '../support/mui';

export class OutOfOfficeDialog {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('out-of-office-dialog');
  }

  /** Opens the dialog for a person from the staff tab of the practice configuration. */
  async openFromStaffList(displayName: string): Promise<void> {
    const row = this.page.getByTestId('staff-row').filter({ hasText: displayName });
    await openDialog(this.page, row.getByTestId('staff-away-edit'), this.root());
  }

  /** Opens the dialog for the signed-in person from the user menu ("Out of office…"). */
  async openFromUserMenu(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await openDialog(this.page, this.page.getByTestId('my-out-of-office'), this.root());
  }

  /** Fills first and last day (YYYY-MM-DD) and the coverer (by name), saves, and waits for the dialog to close. */
  async set(outFrom: string, outTo: string, coverer: string): Promise<void> {
    await this.page.getByTestId('out-from').fill(outFrom);
    await this.page.getByTestId('out-to').fill(outTo);
    await pickOption(this.page, this.root().getByTestId('covered-by'), coverer);
    await this.page.getByTestId('out-save').click();
    await this.root().waitFor({ state: 'detached', timeout: 20_000 });
  }
}
