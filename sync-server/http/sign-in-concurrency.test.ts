// Sign-in limits under concurrency, in-process so the password checks can be counted (the
// verifier is injected and records every check in order; the right password gets the real argon2
// check, a wrong one a stand-in of fixed cost, to keep the run short on a loaded machine; the
// black-box twin in tests/security runs the real checks against a server process): simultaneous wrong
// passwords for one person reach the hash at most 5 times from one computer and at most the
// per-person ceiling from many; a legitimate sign-in from another computer during a burst of 200
// succeeds, and its check is not queued behind the burst's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords';
import { DEFAULT_SIGN_IN_LIMITS } from '../auth/rate-limit';
import { eventually } from '../../tests/support/node-workstation';
import { postFrom } from '../../tests/support/from-address';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

describe.each(['sqlite', 'postgres'] as const)('concurrent sign-ins on %s', (kind) => {
  let running: InProcessServer;
  /** The password of every check that reached the hash, in the order they started. */
  const checks: string[] = [];
  const login = (from: string, username: string, password: string) =>
    postFrom(running.base, from, '/api/auth/login', { username, password, workstationId: 'ws-burst' });
  const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

  beforeAll(async () => {
    running = await startInProcess(kind, {
      verifyPassword: async (hash, password) => {
        checks.push(password);
        if (password === 'baton-demo') return verifyPassword(hash, password);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return false;
      },
    });
  });
  afterAll(async () => running?.close());

  it('40 simultaneous wrong passwords for one person from one computer: at most 5 reach the hash, the rest are refused at once', async () => {
    checks.length = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('127.0.0.2', 'billing', `wrong-billing-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(checks.length).toBeLessThanOrEqual(DEFAULT_SIGN_IN_LIMITS.perPair.limit);
    expect(count(statuses, 401)).toBe(checks.length);
    expect(count(statuses, 429)).toBe(40 - checks.length);
    expect(answers.find((a) => a.status === 429)!.body.message).toMatch(/for this username from this computer/);
    // The audit holds one failed sign-in per check, and none for the attempts refused before it.
    const audit = (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter(
      (e) => e.action === 'sign_in_failed' && e.actorId === 'u-billing',
    );
    expect(audit).toHaveLength(checks.length);
    // The person signs in from their own computer all the same.
    expect((await login('127.0.0.3', 'billing', 'baton-demo')).status).toBe(200);
  });

  it('40 simultaneous wrong passwords for one person from 40 computers: no more than the per-person ceiling reach the hash', async () => {
    checks.length = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`127.0.1.${i + 1}`, 'referrals', `wrong-referrals-${i}`)));
    expect(checks.length).toBeLessThanOrEqual(DEFAULT_SIGN_IN_LIMITS.perUser.limit);
    expect(
      count(
        answers.map((a) => a.status),
        401,
      ),
    ).toBe(checks.length);
    expect(answers.filter((a) => a.status === 429).every((a) => /for this username\./.test(a.body.message))).toBe(true);
  });

  it('a legitimate sign-in from another computer during a burst of 200 succeeds, and is not queued behind the burst', async () => {
    checks.length = 0;
    // A spray from one computer: many names, so only the address bound stops it.
    let refused = 0;
    const burst = Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const answer = await login('127.0.0.9', `sprayed-${i % 50}`, `spray-${i}`);
        if (answer.status === 429) refused++;
        return answer;
      }),
    );
    // Every attempt of the burst is in: the refused ones answered, the others wait for a check.
    const allowance = DEFAULT_SIGN_IN_LIMITS.perAddress.limit;
    await eventually(async () => refused === 200 - allowance, 60_000, 'the burst to be refused beyond the address allowance');
    const startedBefore = checks.length;
    const legit = await login('127.0.0.10', 'frontdesk', 'baton-demo');
    expect(legit.status).toBe(200);
    const statuses = (await burst).map((a) => a.status);
    const hashed = count(statuses, 401);
    expect(hashed).toBeLessThanOrEqual(DEFAULT_SIGN_IN_LIMITS.perAddress.limit);
    expect(count(statuses, 429)).toBe(200 - hashed);
    // Taken in turn across addresses: the legitimate check did not wait for the burst's queue (in
    // arrival order it would have come after all of them).
    const position = checks.indexOf('baton-demo');
    expect(position).toBeGreaterThanOrEqual(startedBefore);
    expect(checks.length - 1 - position).toBeGreaterThan(hashed / 3);
  });
});
