// Bundles the bench page (benchmarks/browser/page.ts) into a folder the sync server serves as its
// web host (BATON_STATIC_DIR).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage } from '../../tests/support/page-bundle';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function buildBenchPage(outDir: string): Promise<void> {
  await bundlePage(path.join(HERE, 'page.ts'), outDir, {
    minify: !process.env.BENCH_NO_MINIFY,
    alias: { ws: path.join(HERE, 'ws-shim.ts') },
  });
}
