// A task's life replayed from its history: the status moves with their time, actor and reason
// code, and the stretches it spent in each status. History entries carry server times, so the
// figures built on them do not depend on any workstation's clock.
import { TASK_STATUSES, type Task, type TaskStatus } from '../task';

export interface Transition {
  at: number;
  from: TaskStatus;
  to: TaskStatus;
  actorId: string;
  /** The task's reason code after the move ('' when none). */
  reasonCode: string;
}

export interface Stretch {
  status: TaskStatus;
  start: number;
  /** undefined: the task is still in this status. */
  end?: number;
}

export type ReplayInput = Pick<Task, 'status' | 'reasonCode' | 'createdAt' | 'history'>;

const isStatus = (value: unknown): value is TaskStatus => typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);

/**
 * When the task was filed: its own createdAt, unless the server received it earlier than that
 * (a workstation whose clock runs ahead cannot file work in the future).
 */
export function createdTime(task: Pick<Task, 'createdAt' | 'history'>): number {
  const claimed = Date.parse(task.createdAt);
  const received = task.history.find((h) => h.kind === 'created');
  const server = received ? Date.parse(received.at) : Number.NaN;
  return Number.isNaN(server) ? claimed : Math.min(claimed, server);
}

/** The value a field had before its first recorded change (the created entry lists no fields). */
function initialValue<T>(task: ReplayInput, field: string, current: T, valid: (v: unknown) => v is T): T {
  for (const entry of task.history) {
    const change = entry.changes.find((c) => c.field === field);
    if (change) return valid(change.from) ? change.from : current;
  }
  return current;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** The status moves of a task, oldest first, and the status it was filed in. */
export function replayTask(task: ReplayInput): { initial: TaskStatus; transitions: Transition[] } {
  const initial = initialValue(task, 'status', task.status, isStatus);
  let reasonCode = initialValue(task, 'reasonCode', task.reasonCode, isString);
  const transitions: Transition[] = [];
  for (const entry of task.history) {
    const reason = entry.changes.find((c) => c.field === 'reasonCode');
    if (reason && isString(reason.to)) reasonCode = reason.to;
    const status = entry.changes.find((c) => c.field === 'status');
    if (!status || !isStatus(status.from) || !isStatus(status.to)) continue;
    transitions.push({ at: Date.parse(entry.at), from: status.from, to: status.to, actorId: entry.actorId, reasonCode });
  }
  return { initial, transitions };
}

/** The stretches between moves; the last one is open (no end). */
export function stretchesOf(initial: TaskStatus, created: number, transitions: readonly Transition[]): Stretch[] {
  const stretches: Stretch[] = [];
  let current: Stretch = { status: initial, start: created };
  for (const move of transitions) {
    stretches.push({ ...current, end: Math.max(current.start, move.at) });
    current = { status: move.to, start: Math.max(current.start, move.at) };
  }
  stretches.push(current);
  return stretches;
}
