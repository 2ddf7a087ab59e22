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

  /** Tasks in the dashboard worker's kept digests (digest-store.ts: each replica's file of parts in OPFS), counted in the page: the most of any replica. */
  async keptDigests(): Promise<number> {
    return this.page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      let directory: FileSystemDirectoryHandle;
      try {
        directory = await root.getDirectoryHandle('baton-kpi-digests');
      } catch {
        return 0;
      }
      let most = 0;
      // No helper functions in here: tsx names them with a helper the page does not have.
      for await (const handle of (directory as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values()) {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        const view = new DataView(bytes.buffer);
        const ids = new Set<unknown>();
        for (let at = 0; at + 4 <= bytes.length;) {
          const end = at + 4 + view.getUint32(at, true);
          if (end > bytes.length) break;
          const part = JSON.parse(new TextDecoder().decode(bytes.subarray(at + 4, end))) as {
            removed: string[];
            digests: { strings: unknown[]; open: [string][]; finished: [number][] };
          };
          for (const id of part.removed) ids.delete(id);
          for (const [id] of part.digests.open) ids.add(id);
          for (const [i] of part.digests.finished) ids.add(part.digests.strings[i]);
          at = end;
        }
        most = Math.max(most, ids.size);
      }
      return most;
    });
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
