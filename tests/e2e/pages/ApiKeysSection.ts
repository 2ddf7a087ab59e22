// The admin's "API keys" tab: a new key (what for, queues, status reads), the keys with their
// last use, rotating and revoking one.
import type { Page } from 'playwright-core';

export class ApiKeysSection {
  constructor(private readonly page: Page) {}

  /** Creates a key filing into `queueIds`; the key as shown this once. */
  async createKey(name: string, queueIds: string[]): Promise<string> {
    const card = this.page.getByTestId('new-api-key-card');
    await card.getByTestId('api-key-name').fill(name);
    for (const queue of queueIds) await card.getByTestId(`api-key-queue-${queue}`).click();
    await card.getByTestId('create-api-key').click();
    const value = card.getByTestId('issued-api-key-value');
    await value.waitFor();
    return (await value.textContent())?.trim() ?? '';
  }

  /** Waits for the server's list: its rows, or the note that there is none yet. */
  async waitLoaded(): Promise<void> {
    const card = this.page.getByTestId('api-keys');
    await card.getByTestId('api-key-row').or(card.getByText('No API key yet.')).first().waitFor();
  }

  row(name: string) {
    return this.page.getByTestId('api-key-row').filter({ hasText: name });
  }

  async refresh(): Promise<void> {
    await this.page.getByTestId('api-keys').getByRole('button', { name: 'Refresh' }).click();
  }

  async lastUsed(name: string): Promise<string> {
    return (await this.row(name).getByTestId('api-key-last-used').textContent()) ?? '';
  }

  async status(name: string): Promise<string> {
    return (await this.row(name).locator('.MuiChip-label').textContent()) ?? '';
  }

  async revoke(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke API key ${name}` }).click();
    await this.page.getByTestId('confirm-revoke-api-key').click();
    await this.page.getByTestId('confirm-revoke-api-key-dialog').waitFor({ state: 'detached' });
  }
}
