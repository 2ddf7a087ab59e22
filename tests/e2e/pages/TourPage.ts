// The first-run tour: its pages, the statuses and keys it lists, and the ways on or out.
import type { Page } from 'playwright-core';

export class TourPage {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('tour');
  }

  async title(): Promise<string> {
    return (await this.root().locator('#tour-title').textContent()) ?? '';
  }

  /** The statuses on this page, each as "label: what must be true to leave it". */
  async statuses(): Promise<string[]> {
    const rows = this.root().getByTestId('tour-statuses').getByRole('row');
    return rows.evaluateAll((all) => all.map((row) => [...row.children].map((cell) => cell.textContent ?? '').join(': ')));
  }

  /** The keys on this page. */
  async keys(): Promise<string[]> {
    return this.root().getByTestId('tour-keys').locator('kbd').allTextContents();
  }

  async next(): Promise<void> {
    await this.root().getByTestId('tour-next').click();
  }

  async skip(): Promise<void> {
    await this.root().getByTestId('tour-skip').click();
  }
}
