// Bundles the bench page (benchmarks/browser/page.ts) with esbuild into a folder the sync server
// serves as its web host (BATON_STATIC_DIR).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function buildBenchPage(outDir: string): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(HERE, 'page.ts')],
    outfile: path.join(outDir, 'bench.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: !process.env.BENCH_NO_MINIFY,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { ws: path.join(HERE, 'ws-shim.ts') },
  });
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>Baton bench</title></head><body><script type="module" src="/bench.js"></script></body></html>\n',
  );
}
