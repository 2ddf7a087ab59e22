// The manager's dashboard: opening it, its figures, a chart's bars and CSV export.
import fs from 'node:fs';
import type { Page } from 'playwright-core';

export class DashboardPage {
  constructor(private readonly page: Page) {}

  /** From the board's top bar; waits for the figures. */
  async open(): Promise<void> {
    await this.page.getByTestId('open-dashboard').click();
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await this.page.getByTestId('tile-overdue-value').waitFor({ timeout: 60_000 });
    await this.page.locator('[data-testid="dashboard"][aria-busy="false"]').waitFor({ timeout: 60_000 });
  }

  async tile(id: string): Promise<string> {
    return (await this.page.getByTestId(`tile-${id}-value`).textContent()) ?? '';
  }

  /** Clicks bar `index` (in the chart's category order) of one series of a chart. */
  async clickBar(chartTestId: string, seriesId: string, index: number): Promise<void> {
    await this.page.getByTestId(chartTestId).locator(`g[data-series="${seriesId}"] rect`).nth(index).click();
  }

  /** Exports a chart's CSV and returns the downloaded file's text. */
  async exportCsv(chartTestId: string): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`${chartTestId}-csv`).click()]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), text: fs.readFileSync(path, 'utf8') };
  }

  noAccess() {
    return this.page.getByTestId('dashboard-no-access');
  }

  openButton() {
    return this.page.getByTestId('open-dashboard');
  }

  /** A summary tile, whatever it shows (absent for people the dashboard is not for). */
  tileBox(id: string) {
    return this.page.getByTestId(`tile-${id}`);
  }
}
