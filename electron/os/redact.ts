// Takes PHI out of anything headed for the log file: known PHI fields are replaced whole, and in
// any remaining text, MRNs, dates of birth, phone numbers, e-mail addresses and SSNs are masked.
import { PHI_TASK_FIELDS } from '../../shared/task';

/** Field names whose values are never logged, whatever they hold. */
const PHI_KEYS = new Set<string>([
  ...PHI_TASK_FIELDS,
  'patient',
  'patientName',
  'patientReference',
  'mrn',
  'dob',
  'dateOfBirth',
  'text',
  'title',
  'note',
  'reason',
  'comment',
  'body',
  'password',
  'token',
  'refreshToken',
  'workstationSecret',
  'key',
]);

const PATTERNS: [RegExp, string][] = [
  [/\bMRN\s*[:#]?\s*[A-Z0-9-]{3,}(?:\s+[A-Z]\.?\s?[A-Z]\.?)?/gi, '[MRN]'],
  [/\b\d{3}-\d{2}-\d{4}\b/g, '[SSN]'],
  [/\b(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2})\b(?!T)/g, '[DATE]'],
  [/(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g, '[PHONE]'],
  [/\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g, '[EMAIL]'],
  // Long digit runs are most likely record or account numbers.
  [/\b\d{6,}\b/g, '[NUMBER]'],
];

export function redactText(text: string): string {
  return PATTERNS.reduce((out, [pattern, mask]) => out.replace(pattern, mask), text);
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[DEEP]';
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, PHI_KEYS.has(k) ? '[REDACTED]' : redactValue(v, depth + 1)]));
}
