// Bundles the bench page (benchmarks/browser/page.ts) into a folder the sync server serves as its
// web host (BATON_STATIC_DIR).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage, bundleWorker } from '../../tests/support/page-bundle';
import { BOOTSTRAP_WORKER } from './worker-path';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function buildBenchPage(outDir: string): Promise<void> {
  const minify = !process.env.BENCH_NO_MINIFY;
  await bundlePage(path.join(HERE, 'page.ts'), outDir, { minify, alias: { ws: path.join(HERE, 'ws-shim.ts') } });
  await bundleWorker(path.join(HERE, '../../renderer/sync/bootstrap.worker.ts'), path.join(outDir, BOOTSTRAP_WORKER), { minify });
}
