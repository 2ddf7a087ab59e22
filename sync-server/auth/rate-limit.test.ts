import { describe, expect, it } from 'vitest';
import { GateFull, PasswordGate } from './password-gate';
import { FailureWindow, isRefused, SignInLimiter, type Attempt } from './rate-limit';
import { csvField } from '../audit/csv';

describe('sign-in failure windows', () => {
  it('refuses after the limit until the oldest failures leave the window', () => {
    let now = 1_000_000;
    const window = new FailureWindow({ limit: 3, windowMs: 60_000 }, () => now);
    expect(window.fail('a')).toBe(false);
    now += 10_000;
    window.fail('a');
    expect(window.retryAfterMs('a')).toBe(0);
    now += 10_000;
    expect(window.fail('a')).toBe(true);
    expect(window.retryAfterMs('a')).toBe(40_000); // the first failure leaves at +60 s
    expect(window.retryAfterMs('b')).toBe(0);
    now += 40_000;
    expect(window.retryAfterMs('a')).toBe(0);
    window.reset('a');
    expect(window.fail('a')).toBe(false);
  });

  it('reserves an attempt before the check: the pair allowance is spent by simultaneous attempts, a success gives its place back', async () => {
    let now = 0;
    const limiter = new SignInLimiter(
      { perPair: { limit: 2, windowMs: 1000 }, perUser: { limit: 3, windowMs: 5000 }, perAddress: { limit: 5, windowMs: 1000 } },
      () => now,
    );
    // Two reserved at once (nothing checked yet): the third from the same pair is refused at once.
    const a = limiter.attempt('Alice', '10.0.0.1');
    const b = limiter.attempt('alice', '10.0.0.1');
    expect(isRefused(a) || isRefused(b)).toBe(false);
    expect(limiter.attempt('ALICE', '10.0.0.1')).toEqual({ scope: 'pair', retryAfterSeconds: 1 });
    // The same person from another computer is not locked out by it.
    const c = limiter.attempt('alice', '10.0.0.2') as Attempt;
    expect(isRefused(c)).toBe(false);
    // ...until the longer per-person ceiling: three failures in all.
    expect(c.limitReached).toBe('user');
    expect(limiter.attempt('alice', '10.0.0.3')).toEqual({ scope: 'user', retryAfterSeconds: 5 });
    // A success gives its reservation back and clears its pair.
    await (b as Attempt).succeeded();
    expect(isRefused(limiter.attempt('alice', '10.0.0.1'))).toBe(false);
    now = 5001;
    expect(isRefused(limiter.attempt('alice', '10.0.0.3'))).toBe(false);
    limiter.close();
  });

  it('limits per address whatever the name; a failure not about the person counts for the address only', async () => {
    let now = 0;
    const limiter = new SignInLimiter(
      { perPair: { limit: 5, windowMs: 1000 }, perUser: { limit: 4, windowMs: 1000 }, perAddress: { limit: 3, windowMs: 1000 } },
      () => now,
    );
    const first = limiter.attempt('bob', '10.0.0.9') as Attempt;
    await first.notAboutUser();
    for (let i = 0; i < 3; i++) expect(isRefused(limiter.attempt('bob', '10.0.0.8'))).toBe(false);
    expect(limiter.attempt('zoe', '10.0.0.8')).toMatchObject({ scope: 'address' });
    // Bob: three counted (from .8), the one given back not: one more place.
    expect((limiter.attempt('bob', '10.0.0.7') as Attempt).limitReached).toBe('user');
    expect(limiter.attempt('bob', '10.0.0.6')).toMatchObject({ scope: 'user' });
    expect((limiter.attempt('carol', '10.0.0.9') as Attempt).limitReached).toBeUndefined();
    expect((limiter.attempt('dave', '10.0.0.9') as Attempt).limitReached).toBe('address');
    expect(limiter.attempt('erin', '10.0.0.9')).toEqual({ scope: 'address', retryAfterSeconds: 1 });
    now = 1001;
    expect(isRefused(limiter.attempt('erin', '10.0.0.9'))).toBe(false);
    limiter.close();
  });
});

describe('password gate', () => {
  it('runs at most `slots` checks at once and serves waiting addresses in turn, not in arrival order', async () => {
    const releases: (() => void)[] = [];
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const gate = new PasswordGate({
      slots: 2,
      maxWaiting: 10,
      verify: async (_hash, password) => {
        order.push(password);
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return false;
      },
    });
    const burst = Array.from({ length: 10 }, (_, i) => gate.verify('10.0.0.1', 'h', `burst-${i}`));
    const legit = gate.verify('10.0.0.2', 'h', 'legit');
    const third = gate.verify('10.0.0.3', 'h', 'third');
    // Ten waiting: one more is turned away at once instead of queueing.
    await expect(gate.verify('10.0.0.4', 'h', 'over')).rejects.toBeInstanceOf(GateFull);
    while (order.length < 12 || releases.length) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([...burst, legit, third]);
    expect(most).toBe(2);
    // Round robin over addresses: the burst's address does not hold the others back.
    expect(order.slice(0, 7)).toEqual(['burst-0', 'burst-1', 'burst-2', 'legit', 'third', 'burst-3', 'burst-4']);
  });
});

describe('password gate and new passwords', () => {
  it('hashes a new password in turn with the checks: never more than `slots` at once', async () => {
    const releases: (() => void)[] = [];
    const started: string[] = [];
    const hold = (what: string) => {
      started.push(what);
      return new Promise<void>((resolve) => releases.push(resolve));
    };
    const gate = new PasswordGate({
      slots: 1,
      maxWaiting: 1,
      verify: async (_hash, password) => (await hold(password), false),
      hash: async (password) => (await hold(`hash:${password}`), 'hashed'),
    });
    const check = gate.verify('10.0.0.1', 'h', 'check');
    const hashed = gate.hash('10.0.0.2', 'new-password');
    await new Promise((resolve) => setImmediate(resolve));
    // The hash waits for the check's slot, and a full queue turns the next one away.
    expect(started).toEqual(['check']);
    await expect(gate.hash('10.0.0.3', 'another')).rejects.toBeInstanceOf(GateFull);
    releases.shift()!();
    await check;
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['check', 'hash:new-password']);
    releases.shift()!();
    expect(await hashed).toBe('hashed');
  });
});

describe('CSV fields', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField({ a: 'b,c' })).toBe('"{""a"":""b,c""}"');
  });
});
