// HEAD, which Fastify answers for every GET route: the head comes back at once and the connection
// serves the next request (found by the fuzzer: HEAD of the event stream never answered).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

/** HEAD then GET /api/health over one kept-alive connection: both statuses. */
async function headThenHealth(base: string, path: string, token: string): Promise<[number, number]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(base);
  const status = (method: string, p: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request({ host: hostname, port, method, path: p, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    return [await status('HEAD', path), await status('GET', '/api/health')];
  } finally {
    agent.destroy();
  }
}

describe('HEAD requests', () => {
  let running: InProcessServer;
  let token: string;
  beforeAll(async () => {
    running = await startInProcess('sqlite', {}, { BATON_SLA_AUTOMATION: '0' });
    token = (await signIn(running.base, 'admin')).token;
  });
  afterAll(() => running?.close());

  it('answers the event stream with its head and no stream left open', async () => {
    expect(await headThenHealth(running.base, '/api/sync/stream', token)).toEqual([200, 200]);
    expect(running.server.hub.size).toBe(0);
  });

  it('answers every GET route, and the connection goes on', async () => {
    const gets = running.server.routes
      .filter((r) => r.method === 'GET' && !r.url.endsWith('*'))
      .map((r) => r.url.replace(':collection', 'tasks'));
    expect(gets).toContain('/api/sync/stream');
    for (const path of gets) {
      const [head, health] = await headThenHealth(running.base, path, token);
      expect({ path, head: head < 500, health }).toEqual({ path, head: true, health: 200 });
    }
  });
});
