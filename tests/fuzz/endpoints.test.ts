// The fuzzer covers every endpoint: it targets the routes a real server registers (routes.ts), and
// this list of valid bodies names each of them, so a new route is fuzzed with valid-looking input too.
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from './endpoints';
import { serverRoutes } from './routes';

describe('fuzz endpoint list', () => {
  it('names every route the server registers, and no other', async () => {
    const routes = await serverRoutes();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContain('GET /metrics');
    expect(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(routes);
  }, 60_000);
});
