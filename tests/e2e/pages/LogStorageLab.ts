import type { Page } from 'playwright-core';
import type { LabDoc, LabRow } from '../support/log-storage-lab';

type Lab = {
  open(name: string): Promise<boolean>;
  write(rows: LabRow[]): Promise<{ status: number; id: string; valueInDb?: number }[]>;
  read(id: string): Promise<LabDoc | null>;
  seen(): string[];
};

let lwt = Date.now();

/** A page holding one window's instance of the log storage (tests/e2e/support/log-storage-lab.ts). */
export class LogStorageLab {
  constructor(private readonly page: Page) {}

  /** Loads the lab page and opens collection `items` of database `name`; true when Web Locks serve the lock. */
  async open(url: string, name: string): Promise<boolean> {
    await this.page.goto(`${url}/`);
    await this.page.waitForFunction(() => 'logLab' in globalThis);
    return this.page.evaluate((n) => (globalThis as unknown as { logLab: Lab }).logLab.open(n), name);
  }

  /** A document state as RxDB would write it. */
  static doc(id: string, value: number, rev: number): LabDoc {
    return { id, value, _deleted: false, _rev: `${rev}-v${value}`, _meta: { lwt: lwt++ }, _attachments: {} };
  }

  /** Writes the rows; answers the refused ones. */
  write(rows: LabRow[]): Promise<{ status: number; id: string; valueInDb?: number }[]> {
    // Plain JSON across the page boundary (Playwright's deep typing of RxDB's document type recurses too far).
    return this.page.evaluate(
      (r) => (globalThis as unknown as { logLab: Lab }).logLab.write(JSON.parse(r) as LabRow[]),
      JSON.stringify(rows),
    );
  }

  read(id: string) {
    return this.page.evaluate((i) => (globalThis as unknown as { logLab: Lab }).logLab.read(i), id);
  }

  /** Waits until this window's change events include `id:value`. */
  async sees(id: string, value: number): Promise<void> {
    await this.page.waitForFunction((want) => (globalThis as unknown as { logLab: Lab }).logLab.seen().includes(want), `${id}:${value}`, {
      timeout: 10_000,
    });
  }
}
