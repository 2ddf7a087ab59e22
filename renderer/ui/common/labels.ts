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

const dayKeyFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const formatIn = (cache: Map<string, Intl.DateTimeFormat>, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) => {
  const key = timeZone ?? '';
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(timeZone ? 'en-CA' : undefined, { ...options, timeZone })));
  return format;
};

/**
 * A due date: "Today 3:00 PM" when it falls on the workstation's today (in `timeZone`, the
 * workstation's own by default), else "Dec 4".
 */
export function formatDue(iso: string, now = new Date(), timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const dayKey = formatIn(dayKeyFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (dayKey.format(date) !== dayKey.format(now))
    return timeZone
      ? new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone }).format(date)
      : dayFormat.format(date);
  return `Today ${formatIn(timeFormats, timeZone, { hour: 'numeric', minute: '2-digit' }).format(date)}`;
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
