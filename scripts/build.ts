// `npm run build`: the renderer bundle (Vite) and the Electron main and preload bundles (esbuild).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildRenderer(): Promise<void> {
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** Main and preload as CommonJS with `electron` external (Electron provides it at run time). */
export async function buildElectron(): Promise<void> {
  const common: BuildOptions = { bundle: true, format: 'cjs', external: ['electron'], logLevel: 'warning', legalComments: 'none' };
  await Promise.all([
    build({ ...common, entryPoints: [path.join(root, 'electron/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs'), platform: 'node', target: 'node22' }),
    // The sandboxed preload has no Node: a browser bundle with zod inlined, `require('electron')` only.
    build({ ...common, entryPoints: [path.join(root, 'electron/preload.ts')], outfile: path.join(root, 'dist/electron/preload.cjs'), platform: 'browser', target: 'chrome130', minify: true }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildRenderer();
  await buildElectron();
  console.log('Built dist/renderer and dist/electron');
}
