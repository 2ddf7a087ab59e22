// The digest falls due at the first opening of the person's local day, in the location's time
// zone, across daylight-saving changes and closures, whatever the machine's clock or zone says.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildPracticeConfig } from '../config/practice';
import type { LocationConfig } from '../config/schemas';
import { digestDue } from './digest';

const WEEKDAYS_8_TO_5 = [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' }));

function practiceIn(timeZone: string, extra: Partial<LocationConfig> = {}) {
  const body: LocationConfig = {
    label: 'Clinic',
    timeZone,
    businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5] },
    openingHours: WEEKDAYS_8_TO_5,
    closures: [],
    lockAfterMinutes: 5,
    offlineSignInHours: 72,
    ...extra,
  };
  return buildPracticeConfig([{ id: 'location:loc', kind: 'location', body }]);
}
const at = (iso: string) => Date.parse(iso);

afterEach(() => vi.useRealTimers());

describe('daily digest timing', () => {
  it('New York: 08:00 EST before the March change, 08:00 EDT after it; none on the weekend', () => {
    const ny = practiceIn('America/New_York');
    // Friday 6 March 2026, 08:00 EST = 13:00 UTC.
    expect(digestDue('u', 'loc', ny, at('2026-03-06T12:59:00Z'))).toEqual({ key: '', nextAt: at('2026-03-06T13:00:00Z') });
    expect(digestDue('u', 'loc', ny, at('2026-03-06T13:00:00Z')).key).toBe('digest:u:2026-03-06');
    // Saturday (the clocks change on Sunday 8 March): nothing due, next is Monday 08:00 EDT = 12:00 UTC.
    expect(digestDue('u', 'loc', ny, at('2026-03-07T15:00:00Z'))).toEqual({ key: '', nextAt: at('2026-03-09T12:00:00Z') });
    expect(digestDue('u', 'loc', ny, at('2026-03-09T11:59:00Z')).key).toBe('');
    expect(digestDue('u', 'loc', ny, at('2026-03-09T12:00:00Z')).key).toBe('digest:u:2026-03-09');
    // After the day's start, the same key all day (a server started late still sends it once).
    expect(digestDue('u', 'loc', ny, at('2026-03-09T21:30:00Z')).key).toBe('digest:u:2026-03-09');
    // 20:30 local on Monday is Tuesday in UTC: still Monday's key, and Tuesday's opening next.
    expect(digestDue('u', 'loc', ny, at('2026-03-10T00:30:00Z'))).toEqual({
      key: 'digest:u:2026-03-09',
      nextAt: at('2026-03-10T12:00:00Z'),
    });
  });

  it('Berlin: 08:00 CET = 07:00 UTC before 29 March, 08:00 CEST = 06:00 UTC after; and back in October', () => {
    const berlin = practiceIn('Europe/Berlin');
    expect(digestDue('u', 'loc', berlin, at('2026-03-27T06:59:00Z')).nextAt).toBe(at('2026-03-27T07:00:00Z'));
    expect(digestDue('u', 'loc', berlin, at('2026-03-28T10:00:00Z')).nextAt).toBe(at('2026-03-30T06:00:00Z'));
    expect(digestDue('u', 'loc', berlin, at('2026-03-30T06:00:00Z')).key).toBe('digest:u:2026-03-30');
    // Clocks go back on Sunday 25 October: Monday opens at 07:00 UTC again.
    expect(digestDue('u', 'loc', berlin, at('2026-10-24T10:00:00Z')).nextAt).toBe(at('2026-10-26T07:00:00Z'));
  });

  it('Tokyo: the local day starts before the UTC one', () => {
    const tokyo = practiceIn('Asia/Tokyo', { openingHours: [{ day: 1, open: '09:00', close: '18:00' }] });
    // Monday 9 March 09:00 JST = Sunday 8 March 24:00 UTC.
    expect(digestDue('u', 'loc', tokyo, at('2026-03-08T23:30:00Z'))).toEqual({ key: '', nextAt: at('2026-03-09T00:00:00Z') });
    expect(digestDue('u', 'loc', tokyo, at('2026-03-09T00:00:00Z')).key).toBe('digest:u:2026-03-09');
  });

  it('no digest on a closure (a holiday)', () => {
    const ny = practiceIn('America/New_York', { closures: [{ date: '2026-12-25', label: 'Christmas' }] });
    expect(digestDue('u', 'loc', ny, at('2026-12-25T16:00:00Z'))).toEqual({ key: '', nextAt: at('2026-12-28T13:00:00Z') });
  });

  it('a wrong machine clock or zone changes nothing: only the instant given counts', () => {
    const ny = practiceIn('America/New_York');
    const right = digestDue('u', 'loc', ny, at('2026-03-09T12:00:00Z'));
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-07-01T03:00:00Z'));
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(digestDue('u', 'loc', ny, at('2026-03-09T12:00:00Z'))).toEqual(right);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
