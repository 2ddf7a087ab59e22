// Which new notifications raise an OS notification, and when: at most one per person every two
// minutes, carrying only a count ("3 new items in Baton"). Pure (the caller owns the timer), so it
// is tested here while the Electron part stays a thin call. It never sees a task, only ids and kinds.
import { TZDate } from '@date-fns/tz';
import type { Notification, NotificationPrefs } from './schema';

export const OS_NOTICE_GAP_MS = 2 * 60_000;

export type Arrival = Pick<Notification, 'id' | 'kind' | 'readAt'>;
export type OsPrefs = Pick<NotificationPrefs, 'osKinds' | 'quietStart' | 'quietEnd'>;

/** Whether `now` falls in the quiet hours, read in `timeZone` (a window may wrap past midnight). */
export function isQuiet(prefs: OsPrefs, timeZone: string, now: number): boolean {
  if (!prefs.quietStart || !prefs.quietEnd) return false;
  const local = new TZDate(now, timeZone);
  const hhmm = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
  return prefs.quietStart < prefs.quietEnd
    ? hhmm >= prefs.quietStart && hhmm < prefs.quietEnd
    : hhmm >= prefs.quietStart || hhmm < prefs.quietEnd;
}

export class OsNoticeBatcher {
  private lastShownAt = -Infinity;
  private readonly seen = new Set<string>();
  private pending = 0;

  /** Notifications present before this point (an existing replica) never pop up. */
  constructor(existingIds: Iterable<string> = []) {
    for (const id of existingIds) this.seen.add(id);
  }

  /**
   * Takes what the replica now holds: each unread notification not seen before counts once, when
   * its kind is wanted and it arrives outside quiet hours (in quiet hours it stays in the list only).
   */
  offer(arrivals: readonly Arrival[], prefs: OsPrefs, timeZone: string, now: number): void {
    const quiet = isQuiet(prefs, timeZone, now);
    for (const n of arrivals) {
      if (this.seen.has(n.id)) continue;
      this.seen.add(n.id);
      if (n.readAt === '' && !quiet && prefs.osKinds.includes(n.kind)) this.pending++;
    }
  }

  /** The OS notification to show now (and forget), or null; `nextAt` says when to ask again. */
  take(now: number): { count: number } | null {
    if (this.pending === 0 || now < this.lastShownAt + OS_NOTICE_GAP_MS) return null;
    const count = this.pending;
    this.pending = 0;
    this.lastShownAt = now;
    return { count };
  }

  /** When a held-back count may be shown (undefined: nothing waits). */
  nextAt(): number | undefined {
    return this.pending > 0 ? this.lastShownAt + OS_NOTICE_GAP_MS : undefined;
  }
}
