// The desktop app's "Restart to update" offer.
import type { Page } from 'playwright-core';

export class RestartToUpdateBanner {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('restart-to-update');
  }

  async text(): Promise<string> {
    return (await this.root().count()) > 0 ? ((await this.root().textContent()) ?? '') : '';
  }

  async restart(): Promise<void> {
    await this.root().getByRole('button', { name: 'Restart to update' }).click();
  }

  async later(): Promise<void> {
    await this.root().getByRole('button', { name: 'Later' }).click();
  }

  /** What main answers the page's own bridge call, skipping the button. */
  async restartThroughBridge(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { baton: { restartToUpdate(): Promise<boolean> } }).baton.restartToUpdate());
  }
}
