// Business time of a location: its opening hours per weekday in its own time zone, less its
// closures. Wall times become instants through the IANA zone database (@date-fns/tz), so a
// daylight-saving day is as long as it really is and the machine's own zone never matters.
import { TZDate, tzOffset } from '@date-fns/tz';
import type { LocationConfig } from '../config/schemas';

export type BusinessCalendar = Pick<LocationConfig, 'timeZone' | 'businessHours' | 'openingHours' | 'closures'>;

const MINUTE = 60_000;
const DAY_MS = 86_400_000;
/** How far a walk looks for open time before it gives up (a calendar that never opens). */
const MAX_DAYS = 3 * 366;

/** Open around the clock in UTC: for a task whose location is unknown. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  businessHours: { startHour: 0, endHour: 24, days: [0, 1, 2, 3, 4, 5, 6] },
  openingHours: [],
  closures: [],
};

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Opening minutes [open, close) of each weekday (0 = Sunday), sorted, overlaps joined. */
function weekSchedule(cal: BusinessCalendar): [number, number][][] {
  const week: [number, number][][] = Array.from({ length: 7 }, () => []);
  if (cal.openingHours.length) {
    for (const h of cal.openingHours) week[h.day].push([minutesOf(h.open), minutesOf(h.close)]);
  } else if (cal.businessHours.startHour < cal.businessHours.endHour) {
    for (const day of new Set(cal.businessHours.days)) week[day].push([cal.businessHours.startHour * 60, cal.businessHours.endHour * 60]);
  }
  return week.map((spans) => {
    const joined: [number, number][] = [];
    for (const [open, close] of [...spans].sort((a, b) => a[0] - b[0])) {
      const last = joined[joined.length - 1];
      if (last && open <= last[1]) last[1] = Math.max(last[1], close);
      else if (open < close) joined.push([open, close]);
    }
    return joined;
  });
}

// Offsets by quarter hour: zones change offset only at whole quarter hours (UTC), and asking Intl
// for every instant made a board of SLA chips slow.
const OFFSET_BUCKET_MS = 15 * MINUTE;
const offsets = new Map<string, Map<number, number>>();

function offsetMs(instant: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map<number, number>()));
  const bucket = Math.floor(instant / OFFSET_BUCKET_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(bucket * OFFSET_BUCKET_MS)) * MINUTE;
    if (zone.size > 50_000) zone.clear();
    zone.set(bucket, offset);
  }
  return offset;
}

/** The local calendar day of an instant, as days since 1970-01-01. */
function localDay(instant: number, timeZone: string): number {
  return Math.floor((instant + offsetMs(instant, timeZone)) / DAY_MS);
}

/** The instant of `minutes` after local midnight of `day` (24:00 is the next midnight). */
function instantAt(day: number, minutes: number, timeZone: string): number {
  const date = new Date(day * DAY_MS);
  return new TZDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 0, minutes, 0, timeZone).getTime();
}

interface Prepared {
  week: [number, number][][];
  closed: Set<string>;
  days: Map<number, [number, number][]>;
}
const prepared = new WeakMap<BusinessCalendar, Prepared>();

/** The open spans [start, end) of one local day, as instants (cached per calendar object). */
function daySpans(cal: BusinessCalendar, day: number): [number, number][] {
  let p = prepared.get(cal);
  if (!p) {
    p = { week: weekSchedule(cal), closed: new Set(cal.closures.map((c) => c.date)), days: new Map() };
    prepared.set(cal, p);
  }
  let spans = p.days.get(day);
  if (!spans) {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    spans = p.closed.has(date)
      ? []
      : p.week[weekday].map(
          ([open, close]) => [instantAt(day, open, cal.timeZone), instantAt(day, close, cal.timeZone)] as [number, number],
        );
    if (p.days.size > 5000) p.days.clear();
    p.days.set(day, spans);
  }
  return spans;
}

/** Open time (ms) between two instants; 0 when `to` is not after `from`. */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  let total = 0;
  const last = localDay(to, cal.timeZone);
  for (let day = localDay(from, cal.timeZone); day <= last; day++) {
    for (const [start, end] of daySpans(cal, day)) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return total;
}

/**
 * The instant `ms` of open time after `start` (before it when negative). Infinity (or -Infinity)
 * when the calendar has no open time within three years.
 */
export function addBusinessMs(cal: BusinessCalendar, start: number, ms: number): number {
  if (ms === 0) return start;
  let remaining = Math.abs(ms);
  const first = localDay(start, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++) {
    if (ms > 0) {
      for (const [open, close] of daySpans(cal, first + i)) {
        const from = Math.max(open, start);
        if (close <= from) continue;
        if (remaining <= close - from) return from + remaining;
        remaining -= close - from;
      }
    } else {
      for (const [open, close] of [...daySpans(cal, first - i)].reverse()) {
        const to = Math.min(close, start);
        if (to <= open) continue;
        if (remaining <= to - open) return to - remaining;
        remaining -= to - open;
      }
    }
  }
  return ms > 0 ? Infinity : -Infinity;
}

/** `start` plus `hours` of business time, to the minute. */
export function addBusinessHours(start: Date, hours: number, cal: BusinessCalendar): Date {
  const due = addBusinessMs(cal, start.getTime(), Math.round(hours * 60) * MINUTE);
  return new Date(Number.isFinite(due) ? due : start.getTime() + hours * 3600_000);
}

/**
 * The local calendar date (YYYY-MM-DD) of `instant` at the location and when that day opens
 * (its first open instant; undefined when it is closed all day: a weekend or a closure).
 */
export function dayOpening(cal: BusinessCalendar, instant: number): { date: string; opensAt: number | undefined } {
  const day = localDay(instant, cal.timeZone);
  return { date: new Date(day * DAY_MS).toISOString().slice(0, 10), opensAt: daySpans(cal, day)[0]?.[0] };
}

/** The first opening of a day after `instant`'s local day (Infinity: none within three years). */
export function nextDayOpening(cal: BusinessCalendar, instant: number): number {
  const first = localDay(instant, cal.timeZone);
  for (let i = 1; i < MAX_DAYS; i++) {
    const spans = daySpans(cal, first + i);
    if (spans.length) return spans[0][0];
  }
  return Infinity;
}
