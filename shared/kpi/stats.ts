// Small statistics and calendar helpers for the figures.
import { tzOffset } from '@date-fns/tz';
import { z } from 'zod';

export const Percentiles = z.object({ p50: z.number().nullable(), p90: z.number().nullable(), count: z.number().int() });
export type Percentiles = z.infer<typeof Percentiles>;

/** Nearest-rank percentiles of durations in milliseconds, reported in whole seconds (null: no data). */
export function percentiles(durationsMs: number[]): Percentiles {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length ? Math.round(sorted[Math.ceil((p / 100) * sorted.length) - 1] / 1000) : null);
  return { p50: rank(50), p90: rank(90), count: sorted.length };
}

export interface WallTime {
  /** Calendar day in the time zone, YYYY-MM-DD. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
}

const QUARTER_HOUR = 15 * 60_000;
const DAY = 24 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The wall-clock day, weekday and hour of instants in one time zone (the location's), daylight
 * saving included. The zone's UTC offset (@date-fns/tz, from the runtime's zone database) is asked
 * only twice per UTC day: where both ends of a day agree (every day but the two changes a year) the
 * whole day uses that offset; a day with a change asks per quarter hour (every zone's offset is a
 * multiple of 15 min).
 */
export function wallClock(timeZone: string): (instant: number) => WallTime {
  // tzOffset answers NaN for a zone it does not know: refuse it here, as Intl did, not with NaN dates.
  if (Number.isNaN(tzOffset(timeZone, new Date(0)))) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const offsetAt = (t: number) => tzOffset(timeZone, new Date(t)) * 60_000;
  const dayOffsets = new Map<number, number | undefined>();
  const cache = new Map<number, WallTime>();
  return (instant) => {
    const key = Math.floor(instant / QUARTER_HOUR);
    let wall = cache.get(key);
    if (!wall) {
      const day = Math.floor(instant / DAY);
      if (!dayOffsets.has(day)) {
        const start = offsetAt(day * DAY);
        dayOffsets.set(day, start === offsetAt((day + 1) * DAY - QUARTER_HOUR) ? start : undefined);
      }
      const offset = dayOffsets.get(day) ?? offsetAt(key * QUARTER_HOUR);
      const local = new Date(key * QUARTER_HOUR + offset);
      wall = {
        date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
        weekday: local.getUTCDay(),
        hour: local.getUTCHours(),
      };
      cache.set(key, wall);
    }
    return wall;
  };
}

/** Every calendar day (in the zone) that the window [from, to) touches, in order. */
export function daysOf(from: number, to: number, wall: (instant: number) => WallTime): string[] {
  const days: string[] = [];
  for (let t = from; t < to; t += QUARTER_HOUR * 4) {
    const day = wall(t).date;
    if (days[days.length - 1] !== day) days.push(day);
  }
  if (to > from) {
    const last = wall(to - 1).date;
    if (days[days.length - 1] !== last) days.push(last);
  }
  return days;
}
