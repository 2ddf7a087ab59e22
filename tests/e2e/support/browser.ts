// Debian's Chromium driven by playwright-core; one browser context per workstation.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface Workstation {
  context: BrowserContext;
  page: Page;
  /** Browser errors seen on the page (uncaught exceptions); a test may assert there are none. */
  errors: string[];
  /** Console output, to check that no PHI is logged. */
  console: string[];
}

export async function openWorkstation(browser: Browser): Promise<Workstation> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleLines: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => consoleLines.push(message.text()));
  return { context, page, errors, console: consoleLines };
}
