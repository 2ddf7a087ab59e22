// Debian's Chromium through playwright-core: each run gets a fresh profile on disk, so the replica
// is a new IndexedDB database on disk (an incognito context would keep IndexedDB in memory).
import fs from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
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
