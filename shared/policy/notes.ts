// Notes are evidence: once saved, a note is never changed, removed or re-attributed by anyone. A
// correction is a new note; the only note change a push may make is to add notes.
import { jsonEqual } from '../equal';
import type { TaskNote } from '../task';
import type { Violation } from '../workflow/check';

const refuse = (message: string): Violation => ({ code: 'forbidden', field: 'notes', message });

/** The first way `after` breaks the notes of `before` (undefined for a new task), if any. */
export function notesViolation(before: readonly TaskNote[] | undefined, after: readonly TaskNote[]): Violation | undefined {
  const byId = new Map(after.map((n) => [n.id, n]));
  if (byId.size !== after.length) return refuse('Two notes cannot share one id');
  for (const note of before ?? []) {
    const kept = byId.get(note.id);
    if (!kept) return refuse('A saved note cannot be removed; add a new note instead');
    if (!jsonEqual(kept, note)) return refuse('A saved note cannot be changed or re-attributed; add a new note to correct it');
  }
  return undefined;
}

/** The notes `after` adds to `before`, in their order. */
export function addedNotes(before: readonly TaskNote[], after: readonly TaskNote[]): TaskNote[] {
  const known = new Set(before.map((n) => n.id));
  return after.filter((n) => !known.has(n.id));
}
