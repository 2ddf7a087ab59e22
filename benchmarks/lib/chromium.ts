// Debian's Chromium through playwright-core: each run gets a fresh profile on disk, so the replica
// is a new IndexedDB database on disk (an incognito context would keep IndexedDB in memory).
import fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BoardPage } from '../../tests/e2e/pages/BoardPage';
import { SignInPage } from '../../tests/e2e/pages/SignInPage';
import { tempDir } from '../../tests/support/server-process';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium';

export async function withFreshChromium<T>(fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = tempDir('baton-bench-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    return await fn(context);
  } finally {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * A page of `context` at 1440×900 with the manager signed in on `url` and the board ready; its
 * uncaught errors are collected in `errors` (a scenario fails on any). `before` runs before the app
 * loads (e.g. an init script).
 */
export async function managerBoard(
  context: BrowserContext,
  url: string,
  before?: (page: Page) => Promise<unknown>,
): Promise<{ page: Page; board: BoardPage; errors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await before?.(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const signIn = new SignInPage(page);
  await signIn.goto(url);
  await signIn.signIn('manager');
  const board = new BoardPage(page);
  await board.waitReady();
  return { page, board, errors };
}
