// `npm run build`: the renderer bundle (Vite), the Electron main and preload bundles and the
// server bundle (esbuild).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildRenderer(): Promise<void> {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

/** Main and preload as CommonJS with `electron` external (Electron provides it at run time). */
export async function buildElectron(): Promise<void> {
  const common: BuildOptions = { bundle: true, format: 'cjs', external: ['electron'], logLevel: 'warning', legalComments: 'none' };
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/main.ts')],
      outfile: path.join(root, 'dist/electron/main.cjs'),
      platform: 'node',
      target: 'node22',
    }),
    // The sandboxed preload has no Node: a browser bundle with zod inlined, `require('electron')` only.
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload.ts')],
      outfile: path.join(root, 'dist/electron/preload.cjs'),
      platform: 'browser',
      target: 'chrome130',
      minify: true,
    }),
  ]);
}

/**
 * The sync server and its command-line tools as plain JavaScript in dist/server/, run with `node`
 * after `npm ci --omit=dev`: Baton's own code is bundled, every package stays an import (the
 * native ones, argon2 and better-sqlite3, cannot be bundled).
 */
export async function buildServer(outdir = path.join(root, 'dist/server')): Promise<void> {
  await build({
    entryPoints: {
      main: path.join(root, 'sync-server/main.ts'),
      'audit-verify': path.join(root, 'sync-server/audit/verify-cli.ts'),
      'audit-archive': path.join(root, 'sync-server/audit/archive-cli.ts'),
      'admin-create': path.join(root, 'sync-server/admin/create-admin-cli.ts'),
      'rotate-token-key': path.join(root, 'sync-server/secrets/rotate-token-key-cli.ts'),
      migrate: path.join(root, 'sync-server/storage/migrate-cli.ts'),
      backup: path.join(root, 'sync-server/backup/backup-cli.ts'),
      restore: path.join(root, 'sync-server/backup/restore-cli.ts'),
      'enrollment-token': path.join(root, 'sync-server/admin/enrollment-token-cli.ts'),
      'release-publish': path.join(root, 'sync-server/updates/publish-cli.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // ES modules wherever the folder is copied (the Docker image copies it without the root package.json).
  fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildRenderer();
  await buildElectron();
  await buildServer();
  console.log('Built dist/renderer, dist/electron and dist/server');
}
