import { describe, expect, it } from 'vitest';
import { FailureWindow, SignInLimiter } from './rate-limit';
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

  it('limits per username (case-insensitively) and per address, and a success clears the username', () => {
    let now = 0;
    const limiter = new SignInLimiter({ perUser: { limit: 2, windowMs: 1000 }, perAddress: { limit: 4, windowMs: 1000 } }, () => now);
    limiter.failure('Alice', '10.0.0.1');
    expect(limiter.check('alice', '10.0.0.2')).toBeUndefined();
    limiter.success('ALICE');
    limiter.failure('alice', '10.0.0.1');
    expect(limiter.failure('alice', '10.0.0.2').userLimitReached).toBe(true);
    expect(limiter.check('ALICE', '10.0.0.3')).toEqual({ scope: 'user', retryAfterSeconds: 1 });
    limiter.failure('bob', '10.0.0.1');
    expect(limiter.failure(undefined, '10.0.0.1').addressLimitReached).toBe(true);
    expect(limiter.check('carol', '10.0.0.1')).toEqual({ scope: 'address', retryAfterSeconds: 1 });
    now = 1001;
    expect(limiter.check('carol', '10.0.0.1')).toBeUndefined();
    limiter.close();
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
