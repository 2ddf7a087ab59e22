// Due dates in business hours, in the location's own time zone.
import type { LocationConfig } from '../config/schemas';

type Hours = LocationConfig['businessHours'];
const MINUTE = 60_000;

/** Building a formatter costs far more than using one: one per time zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Wall-clock parts of `instant` in `timeZone`. */
function wallClock(instant: number, timeZone: string): { day: number; minutes: number; offsetMs: number } {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const asUtc = Date.UTC(+get('year'), +get('month') - 1, +get('day'), +get('hour'), +get('minute'));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day: weekday, minutes: +get('hour') * 60 + +get('minute'), offsetMs: asUtc - Math.floor(instant / MINUTE) * MINUTE };
}

/** `start` plus `hours` of business time (open hours on open days only). */
export function addBusinessHours(start: Date, hours: number, timeZone: string, businessHours: Hours): Date {
  let t = Math.floor(start.getTime() / MINUTE) * MINUTE;
  let remaining = Math.round(hours * 60);
  const open = businessHours.startHour * 60;
  const close = businessHours.endHour * 60;
  for (let guard = 0; remaining > 0 && guard < 10_000; guard++) {
    const { day, minutes } = wallClock(t, timeZone);
    if (!businessHours.days.includes(day) || minutes >= close) {
      t += (24 * 60 - minutes + open) * MINUTE; // the next day's opening
    } else if (minutes < open) {
      t += (open - minutes) * MINUTE;
    } else {
      const step = Math.min(remaining, close - minutes);
      t += step * MINUTE;
      remaining -= step;
    }
  }
  return new Date(t);
}

export { wallClock as wallClockForTests };
