import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessHours, addBusinessMs, businessMsBetween, type BusinessCalendar } from './business-time';

const ny: BusinessCalendar = {
  timeZone: 'America/New_York',
  businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5] },
  openingHours: [],
  closures: [],
};

describe('business hours', () => {
  it('adds hours within one working day', () => {
    // Monday 2026-11-23 09:00 in New York is 14:00 UTC.
    expect(addBusinessHours(new Date('2026-11-23T14:00:00Z'), 4, ny).toISOString()).toBe('2026-11-23T18:00:00.000Z');
  });

  it('carries over the night to the next opening', () => {
    // Monday 15:00 NY + 4h = 2h Monday + 2h Tuesday from 08:00 → Tuesday 10:00 NY = 15:00 UTC.
    expect(addBusinessHours(new Date('2026-11-23T20:00:00Z'), 4, ny).toISOString()).toBe('2026-11-24T15:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 2026-11-27 16:00 NY + 2h → Monday 09:00 NY = 14:00 UTC.
    expect(addBusinessHours(new Date('2026-11-27T21:00:00Z'), 2, ny).toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it('starts counting at opening time when filed before hours', () => {
    // Saturday night → Monday 08:00 + 1h = Monday 09:00 NY.
    expect(addBusinessHours(new Date('2026-11-29T03:00:00Z'), 1, ny).toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });
});

const HOUR = 3600_000;
const cal = (timeZone: string, extra: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
  timeZone,
  businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5] },
  openingHours: [],
  closures: [],
  ...extra,
});
const everyDay = (timeZone: string) => cal(timeZone, { businessHours: { startHour: 0, endHour: 24, days: [0, 1, 2, 3, 4, 5, 6] } });
const ZONES = ['America/New_York', 'Europe/London', 'America/Phoenix'];
const ms = (isoText: string) => Date.parse(isoText);

/** An independent oracle: whether the location is open at `t`, from Intl's wall clock. */
function openByIntl(c: BusinessCalendar, t: number): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: c.timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    hour: 'numeric',
    minute: 'numeric',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (c.closures.some((x) => x.date === date)) return false;
  const spans = c.openingHours.length
    ? c.openingHours
        .filter((h) => h.day === day)
        .map((h) => [
          Number(h.open.slice(0, 2)) * 60 + Number(h.open.slice(3)),
          Number(h.close.slice(0, 2)) * 60 + Number(h.close.slice(3)),
        ])
    : c.businessHours.days.includes(day)
      ? [[c.businessHours.startHour * 60, c.businessHours.endHour * 60]]
      : [];
  return spans.some(([open, close]) => minutes >= open && minutes < close);
}

describe('business time across daylight saving', () => {
  it('a day open around the clock is 23 hours on the spring change and 25 on the autumn one, in each zone on its own dates', () => {
    const day = (c: BusinessCalendar, from: string, to: string) => businessMsBetween(c, ms(from), ms(to)) / HOUR;
    // New York: 2026-03-08 and 2026-11-01; London: 2026-03-29 and 2026-10-25.
    expect(day(everyDay('America/New_York'), '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z')).toBe(23);
    expect(day(everyDay('America/New_York'), '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z')).toBe(25);
    expect(day(everyDay('Europe/London'), '2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z')).toBe(23);
    expect(day(everyDay('Europe/London'), '2026-10-24T23:00:00Z', '2026-10-26T00:00:00Z')).toBe(25);
  });

  it('opens at 08:00 local time on both sides of the change (Phoenix keeps its offset)', () => {
    const first = (c: BusinessCalendar, from: string) => new Date(addBusinessMs(c, ms(from), 1)).toISOString();
    expect(first(cal('America/New_York'), '2026-03-06T00:00:00Z')).toBe('2026-03-06T13:00:00.001Z'); // Friday, EST
    expect(first(cal('America/New_York'), '2026-03-07T00:00:00Z')).toBe('2026-03-09T12:00:00.001Z'); // Monday, EDT
    expect(first(cal('Europe/London'), '2026-10-23T00:00:00Z')).toBe('2026-10-23T07:00:00.001Z'); // Friday, BST
    expect(first(cal('Europe/London'), '2026-10-24T00:00:00Z')).toBe('2026-10-26T08:00:00.001Z'); // Monday, GMT
    expect(first(cal('America/Phoenix'), '2026-03-07T00:00:00Z')).toBe('2026-03-09T15:00:00.001Z');
  });

  it('nine open hours on a weekday stay nine hours when the week changes offset', () => {
    const c = cal('America/New_York');
    // Friday before and Monday after the spring change: 9 business hours each.
    expect(businessMsBetween(c, ms('2026-03-06T00:00:00Z'), ms('2026-03-10T00:00:00Z')) / HOUR).toBe(18);
    // 11 hours after Friday 16:00 EST: 1 h Friday, 9 h Monday, 1 h Tuesday → Tuesday 09:00 EDT.
    expect(new Date(addBusinessMs(c, ms('2026-03-06T21:00:00Z'), 11 * HOUR)).toISOString()).toBe('2026-03-10T13:00:00.000Z');
  });
});

describe('closures and per-weekday hours', () => {
  const thanksgiving = cal('America/New_York', { closures: [{ date: '2026-11-26', label: 'Thanksgiving' }] });

  it('a closed day adds no time and a due time skips it', () => {
    expect(businessMsBetween(thanksgiving, ms('2026-11-26T00:00:00Z'), ms('2026-11-27T05:00:00Z'))).toBe(0);
    // Wednesday 16:00 + 2 h → 1 h Wednesday, Thursday closed, Friday 09:00.
    expect(new Date(addBusinessMs(thanksgiving, ms('2026-11-25T21:00:00Z'), 2 * HOUR)).toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });

  it('per-weekday hours replace the default: a lunch break and a short Saturday', () => {
    const c = cal('Europe/London', {
      openingHours: [
        { day: 1, open: '08:00', close: '12:00' },
        { day: 1, open: '13:00', close: '17:30' },
        { day: 6, open: '09:00', close: '12:00' },
      ],
    });
    // Monday 2026-11-23 (GMT): 8.5 h; Tuesday closed; Saturday 3 h.
    expect(businessMsBetween(c, ms('2026-11-23T00:00:00Z'), ms('2026-11-24T00:00:00Z')) / HOUR).toBe(8.5);
    expect(businessMsBetween(c, ms('2026-11-24T00:00:00Z'), ms('2026-11-27T00:00:00Z'))).toBe(0);
    expect(businessMsBetween(c, ms('2026-11-28T00:00:00Z'), ms('2026-11-29T00:00:00Z')) / HOUR).toBe(3);
    expect(new Date(addBusinessMs(c, ms('2026-11-23T11:00:00Z'), 2 * HOUR)).toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });

  it('a calendar with every open day closed never falls due', () => {
    const shut = cal('America/Phoenix', { businessHours: { startHour: 8, endHour: 8, days: [1] } });
    expect(addBusinessMs(shut, ms('2026-11-23T00:00:00Z'), HOUR)).toBe(Infinity);
    expect(addBusinessHours(new Date('2026-11-23T00:00:00Z'), 1, shut).toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });
});

describe('business time properties (fast-check)', () => {
  // 2025-01-01 … 2028-12-31: four years of daylight-saving changes.
  const instant = fc.integer({ min: ms('2025-01-01T00:00:00Z'), max: ms('2028-12-31T00:00:00Z') });
  const calendar = fc
    .record({
      zone: fc.constantFrom(...ZONES),
      closed: fc.array(fc.integer({ min: 0, max: 4 * 365 }), { maxLength: 20 }),
      lunch: fc.boolean(),
    })
    .map(({ zone, closed, lunch }) =>
      cal(zone, {
        closures: closed.map((d) => ({
          date: new Date(ms('2025-01-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10),
          label: '',
        })),
        openingHours: lunch
          ? [1, 2, 3, 4, 5].flatMap((day) => [
              { day, open: '07:30', close: '12:00' },
              { day, open: '13:00', close: '18:00' },
            ])
          : [],
      }),
    );

  it('adding d of business time and measuring it back gives d, forwards and backwards', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 300 * HOUR }), (c, start, d) => {
        const later = addBusinessMs(c, start, d);
        const earlier = addBusinessMs(c, start, -d);
        return businessMsBetween(c, start, later) === d && businessMsBetween(c, earlier, start) === d;
      }),
      { numRuns: 150 },
    );
  });

  it('business time is additive over any split point', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (c, a, span, share) => {
          const b = a + Math.floor(span * share);
          const end = a + span;
          return businessMsBetween(c, a, end) === businessMsBetween(c, a, b) + businessMsBetween(c, b, end);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a minute counts as open exactly when the wall clock (read through Intl) says the location is open', () => {
    fc.assert(
      fc.property(calendar, instant, (c, t) => {
        const minute = Math.floor(t / 60_000) * 60_000;
        return businessMsBetween(c, minute, minute + 60_000) > 0 === openByIntl(c, minute);
      }),
      { numRuns: 400 },
    );
  });

  it('open around the clock, business time is real elapsed time in every zone, DST days included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instant,
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (zone, a, span) => businessMsBetween(everyDay(zone), a, a + span) === span,
      ),
      { numRuns: 100 },
    );
  });
});
