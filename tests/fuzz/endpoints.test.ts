// The fuzzer covers every endpoint: its list matches the routes the server registers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from './endpoints';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function registeredRoutes(): string[] {
  const files = [path.join(ROOT, 'sync-server/app.ts'), ...fs.readdirSync(path.join(ROOT, 'sync-server/http')).filter((f) => /^routes-.*\.ts$/.test(f)).map((f) => path.join(ROOT, 'sync-server/http', f))];
  const routes: string[] = [];
  for (const file of files) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/app\.(get|post|patch|put|delete)\('([^']+)'/g)) routes.push(`${match[1].toUpperCase()} ${match[2]}`);
  }
  return routes.sort();
}

describe('fuzz endpoint list', () => {
  it('names every route of sync-server/app.ts and sync-server/http/routes-*.ts', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(15);
    expect(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(routes);
  });
});
