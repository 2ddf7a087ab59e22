// The routes the server registers, read from a real server built in this process (never started
// listening): the fuzzer targets each of them, so a route added later is fuzzed without anyone
// remembering to list it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';

/** The catch-all that answers 404 for unknown API paths: the fuzzer's unknown paths reach it. */
const CATCH_ALL = '/api/*';

/** `METHOD /path` of every route, sorted; HEAD twins of GET routes (Fastify adds them) and the catch-all left out. */
export async function serverRoutes(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-fuzz-routes-'));
  try {
    const server = await createServer(
      loadConfig({ BATON_DATA_DIR: dataDir, BATON_STATIC_DIR: '/nonexistent', BATON_SLA_AUTOMATION: '0', BATON_LOG_LEVEL: 'silent' }),
    );
    try {
      await server.app.ready();
      const all = new Set(server.routes.map((r) => `${r.method} ${r.url}`));
      return [...all].filter((r) => !r.endsWith(` ${CATCH_ALL}`) && !(r.startsWith('HEAD ') && all.has(`GET ${r.slice(5)}`))).sort();
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
