// Bundles the bench page (benchmarks/browser/page.ts) into a folder the sync server serves as its
// web host (BATON_STATIC_DIR), with the app's own build of the bootstrap worker beside it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage, bundleWorker } from '../../tests/support/page-bundle';
import { ensureRendererBuilt } from '../../tests/e2e/support/build';
import { BOOTSTRAP_WORKER } from './worker-path';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORKER_ENTRY = path.join(HERE, '../../renderer/sync/bootstrap.worker.ts');
const APP_ASSETS = path.join(HERE, '../../dist/renderer/assets');

export async function buildBenchPage(outDir: string): Promise<void> {
  const minify = !process.env.BENCH_NO_MINIFY;
  await bundlePage(path.join(HERE, 'page.ts'), outDir, { minify, alias: { ws: path.join(HERE, 'ws-shim.ts') } });
  const target = path.join(outDir, BOOTSTRAP_WORKER);
  // Readable for a profile; else the worker as the app ships it (Vite's build: esbuild's bundle of
  // the same entry keeps every zod locale, about 4x the bytes, and overstates the worker's start).
  if (!minify) return bundleWorker(WORKER_ENTRY, target, { minify });
  ensureRendererBuilt();
  const newest = fs
    .readdirSync(APP_ASSETS)
    .filter((name) => /^bootstrap\.worker-[\w-]+\.js$/.test(name))
    .map((name) => path.join(APP_ASSETS, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!newest) throw new Error(`no bootstrap worker in ${APP_ASSETS} after the renderer's build`);
  fs.copyFileSync(newest, target);
}
