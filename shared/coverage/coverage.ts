// Coverage: who acts for a person at an instant. Pure and computed from the replicated staff
// list, so an offline workstation and the server route, review and escalate to the same person.
import { TZDate } from '@date-fns/tz';
import type { PracticeConfig } from '../config/practice';
import type { StaffMember } from '../config/schemas';

/** A chain (A covered by B who is out, covered by C, ...) is followed this many steps at most. */
export const MAX_COVER_CHAIN = 5;

type Staff = Pick<PracticeConfig, 'staff' | 'locations'>;

/** The calendar day (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(at: number, timeZone: string): string {
  const d = new TZDate(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The zone a person's out-of-office dates are read in: their first location's, else UTC. */
export function personTimeZone(person: Pick<StaffMember, 'locationIds'>, config: Pick<PracticeConfig, 'locations'>): string {
  for (const id of person.locationIds) {
    const zone = config.locations.get(id)?.timeZone;
    if (zone) return zone;
  }
  return 'UTC';
}

/** Whether the person is out at `at`: marked out, or inside their out-of-office days. */
export function isOut(person: StaffMember, at: number, config: Pick<PracticeConfig, 'locations'>): boolean {
  if (person.out) return true;
  if (!person.outFrom) return false;
  const day = localDate(at, personTimeZone(person, config));
  return day >= person.outFrom && (!person.outTo || day <= person.outTo);
}

/** Whether `userId` is on the staff list and out at `at` (unknown people are never "out"). */
export function isAbsent(userId: string, at: number, config: Staff): boolean {
  const person = config.staff.get(userId);
  return !!person && isOut(person, at, config);
}

/**
 * Who acts for `userId` at `at`: themself when present; else the first present person down their
 * coverers (at most MAX_COVER_CHAIN steps, a cycle stops it). When nobody in the chain is present,
 * the person themself: their work stays theirs (and shows as theirs to managers) rather than
 * going to someone who is out too. The one answer for routing, sign-off, reminders, escalation
 * and notifications.
 */
export function coveringFor(userId: string, at: number, config: Staff): string {
  let current = userId;
  const seen = new Set([userId]);
  for (let step = 0; step < MAX_COVER_CHAIN; step++) {
    const person = config.staff.get(current);
    if (!person || !isOut(person, at, config)) return current;
    // Only someone on the staff list may take the work over.
    const next = person.coveredBy ?? '';
    if (!next || seen.has(next) || !config.staff.has(next)) break;
    seen.add(next);
    current = next;
  }
  const last = config.staff.get(current);
  return last && !isOut(last, at, config) ? current : userId;
}

/** The people `userId` covers for at `at` (out, and `userId` acts for them), sorted by id. */
export function coveredBy(userId: string, at: number, config: Staff): string[] {
  const found: string[] = [];
  for (const [id, person] of config.staff) {
    if (id !== userId && isOut(person, at, config) && coveringFor(id, at, config) === userId) found.push(id);
  }
  return found.sort();
}

/** Whether `userId` acts for `forUserId` at `at` (they are that person, or cover for them). */
export const actsFor = (userId: string, forUserId: string, at: number, config: Staff): boolean =>
  userId === forUserId || coveringFor(forUserId, at, config) === userId;

/**
 * Why a staff entry's coverer cannot be saved ('' = fine): they must be on the staff list (and,
 * when the caller knows accounts, have an active one), so work handed to them is accepted.
 */
export function coverViolation(
  person: Pick<StaffMember, 'coveredBy'>,
  config: Pick<PracticeConfig, 'staff'>,
  isActiveUser?: (id: string) => boolean,
): string {
  const cover = person.coveredBy ?? '';
  if (!cover) return '';
  const entry = config.staff.get(cover);
  if (!entry) return `The coverer "${cover.slice(0, 64)}" is not on the practice's staff list`;
  if (isActiveUser && !isActiveUser(cover)) return `The coverer ${entry.displayName} has no active account`;
  return '';
}
