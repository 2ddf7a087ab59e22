// The move dialog: the allowed actions, the target status's exit criteria and what the action needs.
import type { Page } from 'playwright-core';
import { dialogsGone, pickOption } from '../support/mui';

export interface MoveFields {
  ownerId?: string;
  category?: string;
  waitingOn?: string;
  reasonCode?: string;
  outcome?: string;
  reasonNote?: string;
}

export class MoveDialog {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('move-dialog');
  }

  async choose(testId: string, label: string): Promise<void> {
    await pickOption(this.page, this.root().getByTestId(testId), label);
  }

  async fill(fields: MoveFields): Promise<void> {
    for (const key of ['ownerId', 'category', 'waitingOn', 'reasonCode', 'outcome'] as const) {
      const value = fields[key];
      if (value) await this.choose(`move-${key}`, value);
    }
    if (fields.reasonNote) await this.root().getByTestId('move-reasonNote').fill(fields.reasonNote);
  }

  statusInfo() {
    return this.root().getByTestId('move-status-info');
  }

  /** A message of the shared check, on the dialog or under a field. */
  error() {
    return this.root().locator('[data-testid="move-error"], .MuiFormHelperText-root.Mui-error').first();
  }

  async cancel(): Promise<void> {
    await this.root().getByRole('button', { name: 'Cancel' }).click();
    await this.root().waitFor({ state: 'detached' });
    // The backdrop fades out after the form is gone: wait for it so the next click reaches the drawer.
    await dialogsGone(this.page);
  }

  async submit(): Promise<void> {
    await this.root().getByTestId('move-submit').click();
  }

  async submitAndClose(): Promise<void> {
    await this.submit();
    await this.root().waitFor({ state: 'detached' });
    await dialogsGone(this.page);
  }
}
