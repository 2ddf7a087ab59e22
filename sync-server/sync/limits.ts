// What one push may carry and what a refused row may leave behind, so that a push cannot make the
// database grow by more than it carries (a refused row once stored the whole document twice).
import type { PushRow } from '../../shared/wire';
import { Refusal } from './handler';

/** The largest push body accepted: 200 rows (PUSH_ROWS_MAX) of tasks far larger than a real one. */
export const PUSH_BODY_MAX_BYTES = 8 * 1024 * 1024;
/** One document: a task at every schema maximum (500 notes of 10,000 characters) is about this. */
const DOC_MAX_BYTES = 1024 * 1024;
/** Nesting of one document: a task or the configuration is under 10 levels deep. */
const DOC_MAX_DEPTH = 32;
/** The values a rejection notice keeps: the longest field of a task (10,000 characters) fits whole. */
export const REFUSAL_VALUES_MAX_BYTES = 12 * 1024;
/** Field names a refusal records, each cut to 64 characters. */
const FIELDS_KEPT = 50;

/** Whether `value` nests deeper than `max`; iterative, so a hostile depth cannot overflow the stack. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** A refusal for a row too deep or too large to handle, before anything recurses into it. */
export function unmanageableRow(row: PushRow): Refusal | undefined {
  for (const doc of [row.newDocumentState, row.assumedMasterState]) {
    if (!doc) continue;
    if (nestsDeeperThan(doc, DOC_MAX_DEPTH))
      return new Refusal('too_deep', `The change was not saved: the document nests more than ${DOC_MAX_DEPTH} levels deep`);
    if (Buffer.byteLength(JSON.stringify(doc)) > DOC_MAX_BYTES) {
      return new Refusal('too_large', `The change was not saved: the document is larger than ${DOC_MAX_BYTES / 1024 / 1024} MB`);
    }
  }
  return undefined;
}

const fieldName = (name: string) => name.slice(0, 64);

/** What the audit keeps of a refused row: which fields it carried, never their values. */
export function refusedRowSummary(pushed: Record<string, unknown>): { fields: string[]; moreFields?: number } {
  const names = Object.keys(pushed);
  const fields = names.slice(0, FIELDS_KEPT).map(fieldName);
  return names.length > FIELDS_KEPT ? { fields, moreFields: names.length - FIELDS_KEPT } : { fields };
}

/**
 * The tried values a rejection notice keeps: whole fields while they fit in REFUSAL_VALUES_MAX_BYTES,
 * the names of the others under `_omitted`.
 */
export function boundedAttempt(attempted: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const omitted: string[] = [];
  let used = 0;
  for (const [field, value] of Object.entries(attempted)) {
    const size = field.length + Buffer.byteLength(JSON.stringify(value) ?? 'null') + 4;
    if (field.length <= 64 && used + size <= REFUSAL_VALUES_MAX_BYTES) {
      kept[field] = value;
      used += size;
    } else if (omitted.length < FIELDS_KEPT) {
      omitted.push(fieldName(field));
    }
  }
  return omitted.length > 0 ? { ...kept, _omitted: omitted } : kept;
}
