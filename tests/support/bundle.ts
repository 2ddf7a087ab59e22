// Bundles a TypeScript entry into one CommonJS file with esbuild, once per process. Loading one
// file is much faster than tsx compiling hundreds of modules, which matters when a harness starts
// ten worker threads or restarts a server process many times on a loaded machine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built = new Map<string, Promise<string>>();

/** `entry` relative to the repository root; returns the bundled file's path. */
export function bundled(entry: string): Promise<string> {
  let file = built.get(entry);
  if (!file) {
    file = (async () => {
      // Under node_modules, so the native modules left out of the bundle still resolve.
      const cache = path.join(ROOT, 'node_modules/.cache');
      fs.mkdirSync(cache, { recursive: true });
      const outfile = path.join(fs.mkdtempSync(path.join(cache, 'baton-bundle-')), `${path.basename(entry, '.ts')}.cjs`);
      await build({
        entryPoints: [path.join(ROOT, entry)],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        outfile,
        external: ['argon2', 'better-sqlite3', 'pg', 'pg-native'],
        logLevel: 'warning',
      });
      process.once('exit', () => fs.rmSync(path.dirname(outfile), { recursive: true, force: true }));
      return outfile;
    })();
    file.catch(() => built.delete(entry));
    built.set(entry, file);
  }
  return file;
}
