import { describe, expect, it } from 'vitest';
import { addBusinessHours } from './business-hours';

const hours = { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5] };

describe('business hours', () => {
  it('adds hours within one working day', () => {
    // Monday 2026-11-23 09:00 in New York is 14:00 UTC.
    expect(addBusinessHours(new Date('2026-11-23T14:00:00Z'), 4, 'America/New_York', hours).toISOString()).toBe('2026-11-23T18:00:00.000Z');
  });

  it('carries over the night to the next opening', () => {
    // Monday 15:00 NY + 4h = 2h Monday + 2h Tuesday from 08:00 → Tuesday 10:00 NY = 15:00 UTC.
    expect(addBusinessHours(new Date('2026-11-23T20:00:00Z'), 4, 'America/New_York', hours).toISOString()).toBe('2026-11-24T15:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 2026-11-27 16:00 NY + 2h → Monday 09:00 NY = 14:00 UTC.
    expect(addBusinessHours(new Date('2026-11-27T21:00:00Z'), 2, 'America/New_York', hours).toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it('starts counting at opening time when filed before hours', () => {
    // Saturday night → Monday 08:00 + 1h = Monday 09:00 NY.
    expect(addBusinessHours(new Date('2026-11-29T03:00:00Z'), 1, 'America/New_York', hours).toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });
});
