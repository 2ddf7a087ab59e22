// The approval window in the browser, worked with the keyboard.
import type { Page } from 'playwright-core';

export class ApprovalPage {
  constructor(private readonly page: Page) {}

  /** Goes to the approval route of the signed-in app (a hash change: no reload). */
  async open(): Promise<void> {
    await this.page.evaluate(() => {
      window.location.hash = '#/approval';
    });
    await this.page.getByTestId('approval-screen').waitFor({ timeout: 30_000 });
  }

  async count(): Promise<number> {
    return Number(await this.page.getByTestId('approval-count').textContent());
  }

  async currentTitle(): Promise<string> {
    return (await this.page.getByTestId('approval-title').textContent()) ?? '';
  }

  async queueTitles(): Promise<string[]> {
    return this.page.getByTestId('approval-queue-item').locator('p').allTextContents();
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** r or i, then the reason's number in the picker. */
  async decideWithReason(key: 'r' | 'i', number: number): Promise<void> {
    await this.page.keyboard.press(key);
    await this.page.getByTestId('reason-picker').waitFor();
    await this.page.keyboard.press(String(number));
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** The reason picker that r (reject) or i (send back) opens. */
  reasonPicker() {
    return this.page.getByTestId('reason-picker');
  }

  async cancelPicker(): Promise<void> {
    await this.page.getByTestId('reason-picker').waitFor();
    await this.page.keyboard.press('Escape');
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** Waits out the undo window: the last decision is then written to the replica. */
  async waitUntilWritten(): Promise<void> {
    await this.page.locator('[data-testid="approval-undo"][disabled]').waitFor({ timeout: 20_000 });
  }

  async backToBoard(): Promise<void> {
    await this.page.getByTestId('back-to-board').click();
  }

  notice() {
    return this.page.getByTestId('approval-notice');
  }

  supersededNotices() {
    return this.page.getByTestId('superseded-notice');
  }

  async syncStatus(): Promise<string> {
    return (await this.page.getByTestId('sync-status').textContent()) ?? '';
  }

  async pendingCount(): Promise<number> {
    return Number(await this.page.getByTestId('pending-count').textContent());
  }

  screen() {
    return this.page.getByTestId('approval-screen');
  }

  async waitShown(timeout = 30_000): Promise<void> {
    await this.screen().waitFor({ timeout });
  }

  /** "Got it" on the notice that a decision was superseded. */
  async acknowledgeSuperseded(): Promise<void> {
    await this.page.getByRole('button', { name: 'Got it' }).click();
  }
}
