// `npm run screenshots`: the README's tour, taken from the running demo practice (90 days of
// history) in Debian's Chromium at 1440×900: the front desk's board, a task's panel, the
// clinician's approval window and the manager's dashboard. Writes docs/screenshots/*.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { withFreshChromium } from '../benchmarks/lib/chromium';
import { createServer } from '../sync-server/app';
import { loadConfig } from '../sync-server/config';
import { ensureRendererBuilt } from '../tests/e2e/support/build';
import { ApprovalPage } from '../tests/e2e/pages/ApprovalPage';
import { BoardPage } from '../tests/e2e/pages/BoardPage';
import { DashboardPage } from '../tests/e2e/pages/DashboardPage';
import { SignInPage } from '../tests/e2e/pages/SignInPage';
import { tempDir } from '../tests/support/server-process';

const OUT = path.join(import.meta.dirname, '..', 'docs', 'screenshots');

async function signedIn(page: Page, url: string, username: string): Promise<BoardPage> {
  const signIn = new SignInPage(page);
  await signIn.goto(url);
  await signIn.signIn(username);
  const board = new BoardPage(page);
  await board.waitReady();
  // The replica filled and the columns settled.
  await page.waitForTimeout(3_000);
  return board;
}

async function main(): Promise<void> {
  ensureRendererBuilt();
  const env = { BATON_DATA_DIR: tempDir('baton-screenshots-'), BATON_DEMO: '1', BATON_DEMO_HISTORY_DAYS: '90', BATON_LOG_LEVEL: 'silent' };
  const server = await createServer(loadConfig(env));
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  try {
    for (const [username, shots] of [
      ['frontdesk', ['board', 'task']],
      ['clinician', ['approval']],
      ['manager', ['dashboard']],
    ] as const) {
      await withFreshChromium(async (context) => {
        const page = await context.newPage();
        await page.setViewportSize({ width: 1440, height: 900 });
        const board = await signedIn(page, url, username);
        for (const shot of shots) {
          if (shot === 'task') await board.openTask(await board.cardTitles().then((titles) => titles[0]));
          if (shot === 'approval') await new ApprovalPage(page).open();
          if (shot === 'dashboard') await new DashboardPage(page).open();
          await page.waitForTimeout(1_000);
          await page.screenshot({ path: path.join(OUT, `${shot}.png`) });
          console.log(`docs/screenshots/${shot}.png`);
        }
      });
    }
  } finally {
    await server.close();
  }
}

await main();
