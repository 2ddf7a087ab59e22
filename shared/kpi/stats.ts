// Small statistics and calendar helpers for the figures.
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
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The wall-clock day, weekday and hour of instants in one time zone (the location's), daylight
 * saving included. Every zone's offset is a multiple of 15 minutes, so one answer per quarter
 * hour is exact, and a large replica costs a few thousand Intl calls instead of one per task.
 */
export function wallClock(timeZone: string): (instant: number) => WallTime {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' });
  const cache = new Map<number, WallTime>();
  return (instant) => {
    const key = Math.floor(instant / QUARTER_HOUR);
    let wall = cache.get(key);
    if (!wall) {
      const parts = format.formatToParts(new Date(key * QUARTER_HOUR));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      wall = { date: `${get('year')}-${get('month')}-${get('day')}`, weekday: WEEKDAYS.indexOf(get('weekday')), hour: Number(get('hour')) % 24 };
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
