// Sign-in limits kept in PostgreSQL for every instance: two storages (two instances' pools) on one
// database count the same failures, simultaneous attempts over both cannot pass the allowance,
// a success gives its place back, and an instance whose clock is wrong by hours counts the same
// (the windows run on the database's clock).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../storage/open';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import type { Storage } from '../storage/types';
import { isRefused, type Attempt, type SignInLimits } from './rate-limit';
import { SharedSignInLimiter } from './shared-rate-limit';

const LIMITS: SignInLimits = {
  perPair: { limit: 3, windowMs: 60_000 },
  perUser: { limit: 5, windowMs: 3_600_000 },
  perAddress: { limit: 30, windowMs: 60_000 },
};

describe('sign-in limits shared through PostgreSQL', () => {
  let url: string;
  let one: Storage;
  let two: Storage;
  beforeEach(async () => {
    url = await freshPostgresUrl();
    one = await openStorage({ dataDir: '/nonexistent', databaseUrl: url });
    two = await openStorage({ dataDir: '/nonexistent', databaseUrl: url });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all([one.close(), two.close()]);
    await dropPostgresDatabase(url);
  });

  it('two instances count the same failures; a success gives its place back and clears its pair', async () => {
    const a = new SharedSignInLimiter(one.signInLedger!, LIMITS);
    const b = new SharedSignInLimiter(two.signInLedger!, LIMITS);
    expect(isRefused(await a.attempt('Alice', '10.0.0.1'))).toBe(false);
    const second = (await b.attempt('alice', '10.0.0.1')) as Attempt;
    const third = (await a.attempt('ALICE', '10.0.0.1')) as Attempt;
    expect(third.limitReached).toBe('pair');
    const refused = await b.attempt('alice', '10.0.0.1');
    expect(refused).toMatchObject({ scope: 'pair' });
    expect(isRefused(refused) && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Another computer is not locked out by it.
    expect(isRefused(await b.attempt('alice', '10.0.0.2'))).toBe(false);
    await second.succeeded();
    expect(isRefused(await a.attempt('alice', '10.0.0.1'))).toBe(false);
  });

  it('40 simultaneous attempts over both instances: exactly the allowance is reserved', async () => {
    const limiters = [new SharedSignInLimiter(one.signInLedger!, LIMITS), new SharedSignInLimiter(two.signInLedger!, LIMITS)];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => limiters[i % 2].attempt('bob', '10.0.0.9')));
    expect(results.filter((r) => !isRefused(r))).toHaveLength(LIMITS.perPair.limit);
  });

  it('an instance whose clock is hours behind or ahead still sees the failures the other recorded', async () => {
    const a = new SharedSignInLimiter(one.signInLedger!, LIMITS);
    for (let i = 0; i < 3; i++) await a.attempt('carol', '10.0.0.7');
    for (const offset of [-3 * 3_600_000, 5 * 3_600_000]) {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + offset });
      expect(await new SharedSignInLimiter(two.signInLedger!, LIMITS).attempt('carol', '10.0.0.7')).toMatchObject({ scope: 'pair' });
      vi.useRealTimers();
    }
  });
});
