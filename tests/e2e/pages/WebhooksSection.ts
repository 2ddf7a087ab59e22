// The admin's "Webhooks" tab: registering one (URL, events, PHI), the secret shown once, the list,
// a webhook's delivery log, rotating its secret, disabling one, deleting a disabled one.
import type { Page } from 'playwright-core';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../../../shared/intake/webhooks';

export class WebhooksSection {
  constructor(private readonly page: Page) {}

  /** Registers a webhook for exactly `events`; the secret as shown this once. */
  async register(url: string, name: string, events: WebhookEventType[]): Promise<string> {
    const card = this.page.getByTestId('new-webhook-card');
    await card.getByTestId('webhook-url').fill(url);
    await card.getByTestId('webhook-name').fill(name);
    for (const event of WEBHOOK_EVENTS)
      await card.getByTestId(`webhook-event-${event}`).locator('input').setChecked(events.includes(event));
    await card.getByTestId('create-webhook').click();
    const value = card.getByTestId('issued-webhook-secret-value');
    await value.waitFor();
    return (await value.textContent())?.trim() ?? '';
  }

  /** The form's refusal, if it shows one. */
  async registerError(url: string): Promise<string> {
    const card = this.page.getByTestId('new-webhook-card');
    await card.getByTestId('webhook-url').fill(url);
    await card.getByTestId('create-webhook').click();
    return (await card.getByTestId('webhook-error').textContent()) ?? '';
  }

  /** Waits for the server's list: its rows, or the note that there is none yet. */
  async waitLoaded(): Promise<void> {
    const card = this.page.getByTestId('webhooks');
    await card.getByTestId('webhook-row').or(card.getByText('No webhook yet.')).first().waitFor();
  }

  row(name: string) {
    return this.page.getByTestId('webhook-row').filter({ hasText: name });
  }

  async status(name: string): Promise<string> {
    return (await this.row(name).locator('.MuiChip-label').textContent()) ?? '';
  }

  async openLog(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Deliveries of webhook ${name}` }).click();
    await this.page.getByTestId('webhook-delivery-log').waitFor();
  }

  /** Whether a webhook's delivery log is open. */
  async logShown(): Promise<boolean> {
    return (await this.page.getByTestId('webhook-delivery-log').count()) > 0;
  }

  async refreshLog(): Promise<void> {
    await this.page.getByTestId('refresh-webhook-deliveries').click();
  }

  /** The log's rows as [event, state]. */
  async deliveries(): Promise<string[][]> {
    const rows = await this.page.getByTestId('webhook-delivery-row').all();
    return Promise.all(
      rows.map(async (row) => [(await row.locator('td').first().textContent()) ?? '', (await row.getAttribute('data-state')) ?? '']),
    );
  }

  /** Rotates the webhook's signing secret; the new one as shown this once. */
  async rotate(name: string): Promise<string> {
    await this.page.getByRole('button', { name: `Rotate the secret of webhook ${name}` }).click();
    await this.page.getByTestId('confirm-rotate-webhook').click();
    await this.page.getByTestId('confirm-rotate-webhook-dialog').waitFor({ state: 'detached' });
    const value = this.page.getByTestId('webhooks').getByTestId('issued-webhook-secret-value');
    await value.waitFor();
    return (await value.textContent())?.trim() ?? '';
  }

  async disable(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Disable webhook ${name}` }).click();
    await this.page.getByTestId('confirm-disable-webhook').click();
    await this.page.getByTestId('confirm-disable-webhook-dialog').waitFor({ state: 'detached' });
  }

  async delete(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete webhook ${name}` }).click();
    await this.page.getByTestId('confirm-delete-webhook').click();
    await this.page.getByTestId('confirm-delete-webhook-dialog').waitFor({ state: 'detached' });
  }
}
