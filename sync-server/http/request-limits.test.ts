// The request ceiling on the sign-in routes (request-limits.ts): it counts every request from an
// address, a successful sign-in too, and answers 429 with Retry-After beyond it; another computer
// and another route keep their own allowance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFrom } from '../../tests/support/from-address';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

let running: InProcessServer;
const CEILING = 3;

beforeAll(async () => {
  running = await startInProcess('sqlite', { signInRequests: { max: CEILING, windowMs: 60_000 } }, { BATON_SLA_AUTOMATION: '0' });
});
afterAll(async () => running?.close());

const login = (from: string) => postFrom(running.base, from, '/api/auth/login', { username: 'frontdesk', password: 'baton-demo' });

describe('sign-in request ceiling', () => {
  it('refuses a computer beyond the ceiling, even with the right password, with 429, Retry-After and a message', async () => {
    for (let i = 0; i < CEILING; i++) expect((await login('127.0.0.5')).status).toBe(200);
    const limited = await login('127.0.0.5');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({ error: 'too_many_requests', message: 'Too many requests from this computer. Try again in 1 minute.' });
  });

  it('leaves other computers and other routes their own allowance', async () => {
    expect((await login('127.0.0.6')).status).toBe(200);
    const status = await postFrom(running.base, '127.0.0.5', '/api/workstations/status', {
      workstationId: 'ws-x',
      workstationSecret: 'nope',
    });
    expect(status.status).toBe(401);
  });
});
