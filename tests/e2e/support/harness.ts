// What every browser end-to-end file sets up the same way: one real server process and one
// Chromium per file, a fresh browser context (its own profile) per workstation, closed after each
// test, and signing a demo user in up to a ready, online board.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startServer, type RunningServer } from '../../support/server-process';
import { AdminPage } from '../pages/AdminPage';
import { BoardPage } from '../pages/BoardPage';
import { SignInPage } from '../pages/SignInPage';
import { launchBrowser, openWorkstation, type Workstation } from './browser';
import { ensureRendererBuilt } from './build';
import { bundled } from '../../support/bundle';

export interface Desk {
  ws: Workstation;
  board: BoardPage;
}

export interface E2eHarness {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new workstation at the sign-in screen. `fakeClock`: the page's clock is Playwright's, from the first script on. */
  workstation(options?: { fakeClock?: boolean }): Promise<Workstation>;
  /** A new workstation with `username` signed in, its board (the admin's configuration) ready and online. */
  signedIn(username: string): Promise<Desk>;
}

export function useE2eHarness(serverOptions: Parameters<typeof startServer>[0] = {}): E2eHarness {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const open: Workstation[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    // Bundled (one file to load instead of tsx compiling the server): starts in time on a loaded machine.
    server = await startServer({ bundle: await bundled('sync-server/main.ts'), ...serverOptions });
    browser = await launchBrowser();
    // The server's start alone may take minutes on a loaded machine (server-process.ts).
  }, 300_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const harness: E2eHarness = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    async workstation({ fakeClock = false } = {}) {
      const ws = await openWorkstation(harness.browser);
      open.push(ws);
      if (fakeClock) await ws.page.clock.install();
      await new SignInPage(ws.page).goto(harness.server.url);
      return ws;
    },
    async signedIn(username) {
      const ws = await harness.workstation();
      await new SignInPage(ws.page).signIn(username);
      const board = new BoardPage(ws.page);
      // Everyone lands on the board, but for the admin, who reads no task: the configuration.
      await board.configReady().or(new AdminPage(ws.page).landed()).first().waitFor({ timeout: 60_000 });
      if (await board.configReady().count()) await board.waitReady();
      await expect.poll(() => board.syncStatus(), { timeout: 20_000, interval: 200 }).toContain('Online');
      return { ws, board };
    },
  };
  return harness;
}
