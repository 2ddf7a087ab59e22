// Display labels and formats shared by the board components.
import type { Role } from '../../../shared/wire';

export const ROLE_LABELS: Record<Role, string> = {
  front_desk: 'Front desk',
  billing: 'Billing',
  referrals: 'Referrals',
  clinical_support: 'Clinical support',
  clinician: 'Clinician',
  manager: 'Manager',
  admin: 'Administrator',
};

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDue(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dayFormat.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateTimeFormat.format(date);
}

const shortDateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** "Dec 4, 3:12 PM": where a chip or a card line has little room. */
export function formatShortDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : shortDateTimeFormat.format(date);
}

export function isOverdue(iso: string, now = Date.now()): boolean {
  const time = new Date(iso).getTime();
  return !Number.isNaN(time) && time < now;
}

/** Statuses where the work is finished: their due dates no longer alarm anyone. */
export const FINISHED_STATUSES = new Set(['approved', 'rejected', 'done', 'closed']);
