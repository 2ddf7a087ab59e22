// The admin's "Inbound fax & e-mail" tab: a new source (name, kind, task type), the sources with
// their last delivery, rotating and revoking one.
import type { Page } from 'playwright-core';
import { pickOption } from '../support/mui';

export class InboundSection {
  constructor(private readonly page: Page) {}

  /** Registers a source; its id and signing secret as shown this once. */
  async register(name: string, kind: 'Fax' | 'E-mail', taskType: string): Promise<{ id: string; secret: string }> {
    const card = this.page.getByTestId('new-inbound-source-card');
    await card.getByTestId('inbound-source-name').fill(name);
    await pickOption(
      this.page,
      card.getByTestId('inbound-source-kind'),
      kind === 'Fax' ? 'Fax (a fax-to-e-mail or fax API service)' : 'E-mail (an inbound e-mail service)',
    );
    await pickOption(this.page, card.getByTestId('inbound-source-type'), taskType);
    await card.getByTestId('create-inbound-source').click();
    const value = card.getByTestId('issued-inbound-secret-value');
    await value.waitFor();
    const url = (await card.getByTestId('issued-inbound-url').textContent()) ?? '';
    return { id: decodeURIComponent(url.split('/').pop() ?? ''), secret: (await value.textContent())?.trim() ?? '' };
  }

  /** Waits for the server's list: its rows, or the note that there is none yet. */
  async waitLoaded(): Promise<void> {
    const card = this.page.getByTestId('inbound-sources');
    await card.getByTestId('inbound-source-row').or(card.getByText('No inbound source yet.')).first().waitFor();
  }

  row(name: string) {
    return this.page.getByTestId('inbound-source-row').filter({ hasText: name });
  }

  async refresh(): Promise<void> {
    await this.page.getByTestId('inbound-sources').getByRole('button', { name: 'Refresh' }).click();
  }

  async lastDelivery(name: string): Promise<string> {
    return (await this.row(name).getByTestId('inbound-source-last-delivery').textContent()) ?? '';
  }

  async status(name: string): Promise<string> {
    return (await this.row(name).locator('.MuiChip-label').textContent()) ?? '';
  }

  async revoke(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Revoke inbound source ${name}` }).click();
    await this.page.getByTestId('confirm-revoke-inbound-source').click();
    await this.page.getByTestId('confirm-revoke-inbound-source-dialog').waitFor({ state: 'detached' });
  }
}
