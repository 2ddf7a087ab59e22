// `npm start`: the sync server with its embedded default (SQLite, the demo practice), then the
// desktop app, or the web host's address where Electron cannot run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '../sync-server/app';
import { loadConfig } from '../sync-server/config';
import { buildElectron, buildRenderer } from './build';
import { findElectron } from './electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Rebuilds the renderer when any of its sources is newer than the bundle. */
function rendererIsStale(): boolean {
  const bundle = path.join(root, 'dist/renderer/index.html');
  if (!fs.existsSync(bundle)) return true;
  const builtAt = fs.statSync(bundle).mtimeMs;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  return Math.max(newest(path.join(root, 'renderer')), newest(path.join(root, 'shared'))) > builtAt;
}

if (rendererIsStale()) {
  console.log('Building the app…');
  await buildRenderer();
}

const config = loadConfig({ BATON_DEMO: '1', BATON_DEMO_HISTORY_DAYS: '90', ...process.env }, root);
const server = await createServer(config);
let address: string;
try {
  address = (await server.app.listen({ port: config.port, host: config.host })).replace('[::1]', 'localhost');
} catch (error) {
  const inUse = (error as { code?: string }).code === 'EADDRINUSE';
  console.error(inUse ? `Port ${config.port} is already in use: stop the other Baton server or set BATON_PORT.` : (error as Error).message);
  await server.close();
  process.exit(1);
}
console.log(`Baton sync server listening on ${address} (data in ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})`);

const shutdown = async () => {
  await server.close();
  process.exit(0);
};

const electron = findElectron(root);
if (electron.ok) {
  await buildElectron();
  const child = spawn(electron.path, [path.join(root, 'dist/electron/main.cjs')], {
    stdio: 'inherit',
    env: { ...process.env, BATON_SERVER_URL: address },
  });
  // Closing the app stops the server too.
  child.on('exit', () => void shutdown());
} else {
  console.log(`Desktop app unavailable (${electron.reason}); open the web host instead: ${address}`);
}

process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
