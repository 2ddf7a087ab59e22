// A task's life as phases (status and what it waits on, from when), rebuilt from its history.
// History times are the server's clock; only a change not yet uploaded uses the workstation's.
import type { HistoryEntry, Task, TaskStatus, WaitingOn } from '../task';

export interface Phase {
  from: number;
  status: TaskStatus;
  waitingOn: WaitingOn;
}

type TimelineTask = Pick<Task, 'status' | 'waitingOn' | 'createdAt' | 'updatedAt' | 'pendingSync' | 'history'>;
type State = Pick<Phase, 'status' | 'waitingOn'>;
const TRACKED = ['status', 'waitingOn'] as const;

const clamp = (t: number, low: number, high: number) => Math.min(Math.max(t, low), high);
const timeOf = (iso: string, fallback: number) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? fallback : t;
};

/**
 * The phases in time order, the first at the clock's start: the task's createdAt, but never later
 * than the server accepted it (a workstation clock that runs ahead cannot shorten a task's age).
 */
export function taskPhases(task: TimelineTask, now: number): Phase[] {
  const entries: HistoryEntry[] = [...task.history].sort((a, b) => a.rev - b.rev);
  const created = timeOf(task.createdAt, now);
  if (entries.length === 0) return [{ from: Math.min(created, now), status: task.status, waitingOn: task.waitingOn }];

  // The last uploaded state: each field's latest change in the history. A field never changed
  // is what the creation recorded ('' when it recorded only the status), or (older histories that
  // recorded nothing at creation) today's value.
  const recorded = entries[0].changes.some((c) => c.field === 'status');
  const synced: State = { status: task.status, waitingOn: recorded ? '' : task.waitingOn };
  for (const field of TRACKED) {
    const change = [...entries]
      .reverse()
      .flatMap((e) => e.changes)
      .find((c) => c.field === field);
    if (change) (synced as Record<string, unknown>)[field] = change.to;
  }
  // Walking back from it, each entry's `from` values give the state before that entry.
  const states: State[] = [];
  let state: State = { ...synced };
  for (let i = entries.length - 1; i >= 0; i--) {
    states[i] = state;
    state = { ...state };
    for (const c of entries[i].changes)
      if ((TRACKED as readonly string[]).includes(c.field)) (state as Record<string, unknown>)[c.field] = c.from;
  }
  const firstAt = timeOf(entries[0].at, now);
  const phases: Phase[] = [{ from: Math.min(created, firstAt, now), ...states[0] }];
  let last = phases[0].from;
  for (let i = 1; i < entries.length; i++) {
    last = Math.max(last, Math.min(timeOf(entries[i].at, last), now));
    phases.push({ from: last, ...states[i] });
  }
  // A change made here and not yet uploaded: from this workstation's last edit.
  if (task.pendingSync && (task.status !== synced.status || task.waitingOn !== synced.waitingOn)) {
    phases.push({ from: clamp(timeOf(task.updatedAt, now), last, now), status: task.status, waitingOn: task.waitingOn });
  }
  return phases;
}

/** The named system actor of the server's SLA automation (reminders, escalation). */
export const AUTOMATION_ACTOR_ID = 'baton-automation';

/**
 * When a person last changed the task: its last history entry (the automation's own writes do not
 * count, so an escalation does not make a task look worked on), or a local edit not yet uploaded.
 */
export function lastChangeAt(task: TimelineTask, now: number): number {
  const last = task.history.reduce((t, e) => (e.actorId === AUTOMATION_ACTOR_ID ? t : Math.max(t, timeOf(e.at, 0))), 0);
  if (!last) return Math.min(timeOf(task.createdAt, now), now);
  return task.pendingSync ? clamp(timeOf(task.updatedAt, last), last, now) : Math.min(last, now);
}
