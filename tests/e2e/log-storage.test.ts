// The log storage (renderer/db/log-storage.ts) in Chromium, two windows of one origin on one
// replica: the browser's own Web Locks, BroadcastChannel and on-disk IndexedDB, not Node's stand-ins.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { bundlePage } from '../support/page-bundle';
import { startServer, tempDir, type RunningServer } from '../support/server-process';
import { LogStorageLab } from './pages/LogStorageLab';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let server: RunningServer;
let pageDir: string;
let profile: string;
let context: BrowserContext;

beforeAll(async () => {
  pageDir = tempDir('baton-log-lab-');
  await bundlePage(path.join(HERE, 'support/log-storage-lab.ts'), pageDir);
  server = await startServer({ env: { BATON_STATIC_DIR: pageDir } });
  profile = tempDir('baton-e2e-profile-');
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.stop();
  for (const dir of [pageDir, profile]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the log storage in two windows of Chromium', () => {
  it('shows each window the other’s writes, refuses a write made from a state the other replaced, and keeps the winner across a reload', async () => {
    const a = new LogStorageLab(await context.newPage());
    const b = new LogStorageLab(await context.newPage());
    expect(await a.open(server.url, 'shared')).toBe(true);
    expect(await b.open(server.url, 'shared')).toBe(true);

    // B inserts the same id right after A, before A's notice can reach it: the lock and B's read of
    // the log before it writes make it a conflict, whatever the timing.
    const first = LogStorageLab.doc('x', 1, 1);
    expect(await a.write([{ document: first }])).toEqual([]);
    expect(await b.write([{ document: LogStorageLab.doc('x', 2, 1) }])).toEqual([{ status: 409, id: 'x', valueInDb: 1 }]);
    await b.sees('x', 1);

    // Both update from the same state at once: exactly one wins; the other is told the winner's value.
    const [fromA, fromB] = await Promise.all([
      a.write([{ previous: first, document: LogStorageLab.doc('x', 4, 2) }]),
      b.write([{ previous: first, document: LogStorageLab.doc('x', 3, 2) }]),
    ]);
    const winner = fromA.length === 0 ? 4 : 3;
    expect([fromA, fromB].filter((refused) => refused.length === 0)).toHaveLength(1);
    expect([...fromA, ...fromB]).toEqual([{ status: 409, id: 'x', valueInDb: winner }]);
    await a.sees('x', winner);
    await b.sees('x', winner);
    expect((await a.read('x'))?.value).toBe(winner);
    expect((await b.read('x'))?.value).toBe(winner);

    const again = new LogStorageLab(await context.newPage());
    await again.open(server.url, 'shared');
    expect((await again.read('x'))?.value).toBe(winner);
  });
});
