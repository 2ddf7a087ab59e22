// How a person's out-of-office reads in a list: "Dec 7 – Dec 9, covered by Dr. Webb".
import type { PracticeConfig } from '../../../../shared/config/practice';
import type { StaffMember } from '../../../../shared/config/schemas';

/** "Dec 7" from "2026-12-07" (a calendar day: formatted in UTC so no zone shifts it). */
const day = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function outOfOfficeText(person: StaffMember, config: Pick<PracticeConfig, 'staff'>): string {
  const dates = person.outFrom
    ? person.outTo
      ? `${day(person.outFrom)} – ${day(person.outTo)}`
      : `from ${day(person.outFrom)}`
    : person.out
      ? 'marked out'
      : '';
  if (!dates) return '—';
  const cover = person.coveredBy
    ? `, covered by ${config.staff.get(person.coveredBy)?.displayName ?? person.coveredBy}`
    : ', nobody covering';
  return `${dates}${cover}`;
}
