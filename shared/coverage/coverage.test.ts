import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_LOCATION } from '../config/demo';
import { emptyPracticeConfig, type PracticeConfig } from '../config/practice';
import { StaffMember } from '../config/schemas';
import { coveredBy, coveringFor, isAbsent, localDate, MAX_COVER_CHAIN } from './coverage';

const person = (userId: string, over: Partial<StaffMember> = {}): StaffMember => ({
  userId,
  displayName: userId,
  role: 'clinician',
  locationIds: ['ny'],
  queues: ['clinician'],
  out: false,
  ...over,
});
function config(staff: StaffMember[]): PracticeConfig {
  const c = emptyPracticeConfig();
  c.locations.set('ny', { ...DEMO_LOCATION, timeZone: 'America/New_York' });
  c.locations.set('la', { ...DEMO_LOCATION, timeZone: 'America/Los_Angeles' });
  c.locations.set('berlin', { ...DEMO_LOCATION, timeZone: 'Europe/Berlin' });
  for (const s of staff) c.staff.set(s.userId, s);
  return c;
}
const at = (iso: string) => Date.parse(iso);

afterEach(() => {
  vi.useRealTimers();
});

describe('out-of-office days', () => {
  it('are calendar days in the zone of the person’s first location, both ends included', () => {
    const c = config([person('a', { outFrom: '2026-12-07', outTo: '2026-12-08', coveredBy: 'b' }), person('b')]);
    // Sunday 23:59 in New York is already Monday in UTC: not out yet.
    expect(isAbsent('a', at('2026-12-07T04:59:00Z'), c)).toBe(false);
    expect(isAbsent('a', at('2026-12-07T05:00:00Z'), c)).toBe(true);
    expect(isAbsent('a', at('2026-12-09T04:59:59Z'), c)).toBe(true);
    expect(isAbsent('a', at('2026-12-09T05:00:00Z'), c)).toBe(false);
    // The same dates for someone in Berlin turn at Berlin's midnight.
    const berlin = config([person('a', { locationIds: ['berlin'], outFrom: '2026-12-07', outTo: '2026-12-08' })]);
    expect(isAbsent('a', at('2026-12-06T22:59:00Z'), berlin)).toBe(false);
    expect(isAbsent('a', at('2026-12-06T23:00:00Z'), berlin)).toBe(true);
  });

  it('start and end at local midnight across daylight-saving changes (New York and Berlin)', () => {
    // US DST ends Sunday 2026-11-01: midnight is 04:00Z on Nov 1 (EDT) and 05:00Z on Nov 2 (EST).
    const ny = config([person('a', { outFrom: '2026-11-01', outTo: '2026-11-01' })]);
    expect(isAbsent('a', at('2026-11-01T03:59:59Z'), ny)).toBe(false);
    expect(isAbsent('a', at('2026-11-01T04:00:00Z'), ny)).toBe(true);
    expect(isAbsent('a', at('2026-11-02T04:59:59Z'), ny)).toBe(true); // a 25-hour day
    expect(isAbsent('a', at('2026-11-02T05:00:00Z'), ny)).toBe(false);
    // US DST starts Sunday 2026-03-08: a 23-hour day.
    const spring = config([person('a', { outFrom: '2026-03-08', outTo: '2026-03-08' })]);
    expect(isAbsent('a', at('2026-03-08T04:59:59Z'), spring)).toBe(false);
    expect(isAbsent('a', at('2026-03-08T05:00:00Z'), spring)).toBe(true);
    expect(isAbsent('a', at('2026-03-09T03:59:59Z'), spring)).toBe(true);
    expect(isAbsent('a', at('2026-03-09T04:00:00Z'), spring)).toBe(false);
    // Berlin's DST starts Sunday 2026-03-29: midnight that day is 23:00Z the day before, the next 22:00Z.
    const berlin = config([person('a', { locationIds: ['berlin'], outFrom: '2026-03-29', outTo: '2026-03-29' })]);
    expect(isAbsent('a', at('2026-03-28T22:59:59Z'), berlin)).toBe(false);
    expect(isAbsent('a', at('2026-03-28T23:00:00Z'), berlin)).toBe(true);
    expect(isAbsent('a', at('2026-03-29T21:59:59Z'), berlin)).toBe(true);
    expect(isAbsent('a', at('2026-03-29T22:00:00Z'), berlin)).toBe(false);
  });

  it('an open end lasts until cleared; "marked out" needs no dates; unknown people are never out', () => {
    const c = config([person('a', { outFrom: '2026-12-07' }), person('b', { out: true })]);
    expect(isAbsent('a', at('2030-01-01T12:00:00Z'), c)).toBe(true);
    expect(isAbsent('b', at('2000-01-01T12:00:00Z'), c)).toBe(true);
    expect(isAbsent('nobody', at('2026-12-07T12:00:00Z'), c)).toBe(false);
  });

  it('does not depend on the machine’s clock or time zone, only on the instant asked about', () => {
    const c = config([person('a', { outFrom: '2026-12-07', outTo: '2026-12-07', coveredBy: 'b' }), person('b')]);
    const monday = at('2026-12-07T15:00:00Z');
    const answers: string[] = [];
    const zone = process.env.TZ;
    try {
      for (const [clock, tz] of [
        ['2026-12-07T15:00:00Z', 'UTC'],
        ['1999-01-01T00:00:00Z', 'Pacific/Kiritimati'],
        ['2040-06-30T23:00:00Z', 'America/Los_Angeles'],
      ]) {
        vi.useFakeTimers({ now: Date.parse(clock), toFake: ['Date'] });
        process.env.TZ = tz;
        answers.push(coveringFor('a', monday, c), localDate(monday, 'America/New_York'));
        vi.useRealTimers();
      }
    } finally {
      process.env.TZ = zone;
    }
    expect(answers).toEqual(['b', '2026-12-07', 'b', '2026-12-07', 'b', '2026-12-07']);
  });

  it('the schema refuses an end before the start, an end without a start, and covering oneself', () => {
    const ok = StaffMember.safeParse(person('a', { outFrom: '2026-12-07', outTo: '2026-12-07', coveredBy: 'b' }));
    expect(ok.success).toBe(true);
    expect(StaffMember.safeParse(person('a', { outFrom: '2026-12-08', outTo: '2026-12-07' })).error?.issues[0].path).toEqual(['outTo']);
    expect(StaffMember.safeParse(person('a', { outTo: '2026-12-07' })).error?.issues[0].path).toEqual(['outFrom']);
    expect(StaffMember.safeParse(person('a', { coveredBy: 'a' })).error?.issues[0].path).toEqual(['coveredBy']);
    expect(StaffMember.safeParse(person('a', { outFrom: '12/07/2026' })).success).toBe(false);
  });
});

describe('coveringFor', () => {
  const monday = at('2026-12-07T15:00:00Z');
  const out = { outFrom: '2026-12-07', outTo: '2026-12-11' };

  it('is the person themself when present, their coverer while they are out', () => {
    const c = config([person('a', { ...out, coveredBy: 'b' }), person('b')]);
    expect(coveringFor('a', monday, c)).toBe('b');
    expect(coveringFor('a', at('2026-12-14T15:00:00Z'), c)).toBe('a');
    expect(coveringFor('b', monday, c)).toBe('b');
    expect(coveredBy('b', monday, c)).toEqual(['a']);
    expect(coveredBy('b', at('2026-12-14T15:00:00Z'), c)).toEqual([]);
  });

  it('follows a chain to the first person present: A covered by B who is out, covered by C', () => {
    const c = config([person('a', { ...out, coveredBy: 'b' }), person('b', { out: true, coveredBy: 'c' }), person('c')]);
    expect(coveringFor('a', monday, c)).toBe('c');
    expect(coveringFor('b', monday, c)).toBe('c');
    expect(coveredBy('c', monday, c)).toEqual(['a', 'b']);
  });

  it('stops at a cycle or after the bound, and then leaves the work with the person themself', () => {
    const cycle = config([person('a', { ...out, coveredBy: 'b' }), person('b', { ...out, coveredBy: 'a' })]);
    expect(coveringFor('a', monday, cycle)).toBe('a');
    expect(coveredBy('a', monday, cycle)).toEqual([]);
    const ids = Array.from({ length: MAX_COVER_CHAIN + 3 }, (_, i) => `p${i}`);
    const long = config(ids.map((id, i) => person(id, i < ids.length - 1 ? { out: true, coveredBy: ids[i + 1] } : {})));
    expect(coveringFor('p0', monday, long)).toBe('p0');
    expect(coveringFor(ids[ids.length - 3], monday, long)).toBe(ids[ids.length - 1]);
    // Nobody named, or a coverer not on the staff list: theirs.
    expect(coveringFor('x', monday, config([person('x', { out: true })]))).toBe('x');
    expect(coveringFor('x', monday, config([person('x', { out: true, coveredBy: 'gone' })]))).toBe('x');
  });

  it('always answers, quickly, with someone present or the person themself (any coverage graph)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ out: fc.boolean(), coveredBy: fc.constantFrom('', ...ids) }), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
        (rows) => {
          const staff = ids.map((id, i) => person(id, { out: rows[i].out, coveredBy: rows[i].coveredBy === id ? '' : rows[i].coveredBy }));
          const c = config(staff);
          for (const id of ids) {
            const who = coveringFor(id, monday, c);
            expect(who === id || !isAbsent(who, monday, c)).toBe(true);
            if (!isAbsent(id, monday, c)) expect(who).toBe(id);
          }
        },
      ),
    );
  });
});
