// The chaos checker: pure functions over the server's final tasks, its rejection notices and the ledger of
// acknowledged writes. The definitions (written down in README.md, "Chaos run"):
//
// - Acknowledged write: a chaos-made value (unique to one edit) in a row of a tasks push whose HTTP
//   200 answer reached the workstation. A push cut by kill -9 or the network acknowledged nothing.
// - Present: the value is in the server's final task; or the task's history shows it applied and
//   later replaced (a change from or to it: the server applies a change only over the state its
//   author held, a stale one is merged); or the history shows it superseded (it lost a same-field
//   conflict and stays visible); or the server refused it: its author got a rejection notice with
//   the value (a refusal's audit entry names the fields only). Anything else is a lost acknowledged
//   write.
// - Applied twice: a value that became a field's value more than once (a retried or replayed push
//   wrote it again after it was replaced), or a note id more than once in a task's notes.
// - Converged: every replica holds, for every task its user may read, what the server gives that
//   user, on every field a workstation writes (and the server's revision), and nothing else.
import { jsonEqual } from '../../shared/equal';
import { TaskClientFields, type HistoryEntry, type Task } from '../../shared/task';
import type { Rejection } from '../../shared/rejection';
import type { StoredDoc } from '../../sync-server/storage/types';
import type { AckedWrite } from './ledger';

export interface DocProblem {
  taskId: string;
  field: string;
  value?: unknown;
  detail: string;
}

const changesOf = (history: HistoryEntry[], field: string) => history.flatMap((h) => h.changes.filter((c) => c.field === field));

function present(write: AckedWrite, task: Task): boolean {
  if (write.field === 'note') return task.notes.some((n) => n.id === write.value);
  if (jsonEqual(task[write.field], write.value)) return true;
  if (changesOf(task.history, write.field).some((c) => jsonEqual(c.from, write.value) || jsonEqual(c.to, write.value))) return true;
  return task.history.some((h) => h.superseded?.some((s) => s.field === write.field && jsonEqual(s.value, write.value)));
}

/**
 * The author got a rejection notice for this value. The notice, not the audit log, holds what a
 * refused row tried to set: the audit entry of a refusal names the fields only (no PHI in the
 * audit log). A value too large for the notice is named under `_omitted`.
 */
function refused(write: AckedWrite, rejections: Rejection[]): boolean {
  return rejections.some((r) => {
    if (r.docCollection !== 'tasks' || r.docId !== write.taskId) return false;
    const attempted = r.attempted;
    const omitted = Array.isArray(attempted._omitted) && attempted._omitted.includes(write.field === 'note' ? 'notes' : write.field);
    if (write.field === 'note')
      return omitted || (Array.isArray(attempted.notes) && (attempted.notes as { id?: unknown }[]).some((n) => n.id === write.value));
    return omitted || jsonEqual(attempted[write.field], write.value);
  });
}

export interface AckVerdict {
  lost: AckedWrite[];
  /** Acknowledged but refused by the server's rules (visible to the author as a rejection). */
  refused: AckedWrite[];
}

export function checkAcknowledged(acked: Iterable<AckedWrite>, tasks: Map<string, StoredDoc>, rejections: Rejection[]): AckVerdict {
  const verdict: AckVerdict = { lost: [], refused: [] };
  for (const write of acked) {
    const doc = tasks.get(write.taskId);
    if (doc && present(write, doc.data as Task)) continue;
    if (refused(write, rejections)) verdict.refused.push(write);
    else verdict.lost.push(write);
  }
  return verdict;
}

/** Values that became a field's value more than once, and notes held twice. */
export function findAppliedTwice(tasks: Iterable<StoredDoc>, isChaos: (field: string, value: unknown) => boolean): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const doc of tasks) {
    const task = doc.data as Task;
    const fields = new Set(task.history.flatMap((h) => h.changes.map((c) => c.field)));
    for (const field of fields) {
      if (field === 'notes') continue;
      const changes = changesOf(task.history, field);
      // The value it was created with counts as its first application.
      const applied = [changes[0].from, ...changes.map((c) => c.to)].filter((v) => isChaos(field, v));
      for (const [i, value] of applied.entries()) {
        if (applied.findIndex((v) => jsonEqual(v, value)) !== i)
          problems.push({ taskId: doc.id, field, value, detail: 'applied again after it was replaced' });
      }
    }
    const seen = new Set<string>();
    for (const note of task.notes) {
      if (seen.has(note.id)) problems.push({ taskId: doc.id, field: 'notes', value: note.id, detail: 'note held twice' });
      seen.add(note.id);
    }
  }
  return problems;
}

/** The server orders by its own sequence: every task's history runs in strictly increasing revisions. */
export function findDisorder(tasks: Iterable<StoredDoc>): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const doc of tasks) {
    const revs = (doc.data as Task).history.map((h) => h.rev);
    if (revs.some((rev, i) => i > 0 && rev <= revs[i - 1]))
      problems.push({ taskId: doc.id, field: 'history', detail: `revisions out of order: ${revs.join(',')}` });
    if (revs.length > 0 && revs[revs.length - 1] !== (doc.data as Task).rev)
      problems.push({ taskId: doc.id, field: 'rev', detail: 'rev is not the last history entry' });
  }
  return problems;
}

/**
 * Same-field conflicts a workstation lost to its own earlier write: the superseded value's
 * workstation also made the change it lost to (issue 10 item 1: never).
 */
export function findOwnSuperseded(tasks: Iterable<StoredDoc>): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const doc of tasks) {
    const history = (doc.data as Task).history;
    history.forEach((entry, i) => {
      for (const lost of entry.superseded ?? []) {
        const winner =
          history
            .slice(0, i)
            .reverse()
            .find((h) => h.changes.some((c) => c.field === lost.field)) ?? history[0];
        if (winner && winner.workstationId === lost.byWorkstationId) {
          problems.push({
            taskId: doc.id,
            field: lost.field,
            value: lost.value,
            detail: `superseded at rev ${entry.rev} by its own workstation's change at rev ${winner.rev}`,
          });
        }
      }
    });
  }
  return problems;
}

/** Every field a workstation writes, and the server's revision. */
const CONVERGED_FIELDS = [...Object.keys(TaskClientFields.shape).filter((f) => f !== 'pendingSync'), 'rev'] as const;

/** Differences between what the server gives a user and what that user's replica holds. */
export function compareReplica(server: Task[], replica: Task[]): DocProblem[] {
  const problems: DocProblem[] = [];
  const local = new Map(replica.map((t) => [t.id, t]));
  for (const task of server) {
    const mine = local.get(task.id);
    local.delete(task.id);
    if (!mine) {
      problems.push({ taskId: task.id, field: '*', detail: 'missing from the replica' });
      continue;
    }
    for (const field of CONVERGED_FIELDS) {
      const key = field as keyof Task;
      if (!jsonEqual(task[key], mine[key]))
        problems.push({ taskId: task.id, field, detail: `server ${JSON.stringify(task[key])} replica ${JSON.stringify(mine[key])}` });
    }
  }
  for (const id of local.keys()) problems.push({ taskId: id, field: '*', detail: 'in the replica, not on the server' });
  return problems;
}
