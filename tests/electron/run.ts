// `npm run test:electron`: the Playwright Electron smoke suite. It needs the Electron binary,
// which `npx electron` downloads on first run; where it cannot, this says so in one line and fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron, buildRenderer } from '../../scripts/build';
import { findElectron } from '../../scripts/electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const electron = findElectron(root);
if (!electron.ok) {
  console.error(
    `Electron smoke tests need the Electron binary: ${electron.reason} (run them on a machine that can download it, or set ELECTRON_OVERRIDE_DIST_PATH).`,
  );
  process.exit(1);
}

await buildRenderer();
await buildElectron();
const run = spawnSync(
  path.join(root, 'node_modules/.bin/vitest'),
  ['run', '--config', 'tests/electron/vitest.config.ts', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BATON_ELECTRON_BINARY: electron.path },
  },
);
process.exit(run.status ?? 1);
