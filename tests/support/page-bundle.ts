// Bundles one TypeScript entry with esbuild into a folder the sync server serves as its web host
// (BATON_STATIC_DIR): a page of its own that runs renderer code in Chromium without the app.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** One ES module for Chromium, production React. */
const browserBundle = (entry: string, outfile: string, minify = true) => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm' as const,
  platform: 'browser' as const,
  target: 'chrome120',
  minify,
  sourcemap: false,
  logLevel: 'error' as const,
  define: { 'process.env.NODE_ENV': '"production"' },
});

export async function bundlePage(
  entry: string,
  outDir: string,
  options: { minify?: boolean; alias?: Record<string, string> } = {},
): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await build({ ...browserBundle(entry, path.join(outDir, 'page.js'), options.minify), alias: options.alias ?? {} });
  fs.writeFileSync(
    path.join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>Baton</title></head><body><script type="module" src="/page.js"></script></body></html>\n',
  );
}

/** Bundles a worker's entry into one file beside a page (esbuild does not follow `new Worker(new URL(…))`). */
export async function bundleWorker(entry: string, outfile: string, options: { minify?: boolean } = {}): Promise<void> {
  await build(browserBundle(entry, outfile, options.minify));
}
