// A task's life as the figures read it, worked out once per task object: its history's status
// moves with their times parsed, when it was filed, the status it was filed in and its due time.
// Every window's facts (facts.ts) walk these instead of the history, so a second report over the
// same tasks (another window, another "now") parses no date again. Task objects are replaced on
// every revision (the replica's documents, the server's cache), never changed in place.
import { TASK_STATUSES, type TaskStatus } from '../task';
import type { KpiTask } from './facts';

export interface Move {
  at: number;
  from: TaskStatus;
  to: TaskStatus;
  actorId: string;
  /** The task's reason code after the move's history entry. */
  reasonCode: string;
}

export interface TaskLife {
  /** Filed: createdAt, or when the server received it if earlier. */
  created: number;
  /** The status it was filed in. */
  initial: TaskStatus;
  moves: Move[];
  due: number;
  /** The latest time in its history (-Infinity: none readable). */
  lastAt: number;
}

const STATUSES = new Set<string>(TASK_STATUSES);
const isStatus = (v: unknown): v is TaskStatus => typeof v === 'string' && STATUSES.has(v);

const lives = new WeakMap<KpiTask, TaskLife>();

export function lifeOf(task: KpiTask): TaskLife {
  let life = lives.get(task);
  if (!life) lives.set(task, (life = readLife(task)));
  return life;
}

/** Gives a task object a life read earlier from the same revision (a digest: digest.ts). */
export function adoptLife(task: KpiTask, life: TaskLife): void {
  lives.set(task, life);
}

function readLife(task: KpiTask): TaskLife {
  const history = task.history;
  // Before the walk: when it was filed, and the status and reason code it was filed with (the
  // `from` of each field's first recorded change, else today's value).
  let created = Date.parse(task.createdAt);
  let initial: TaskStatus | undefined;
  let reasonCode: string | undefined;
  let sawCreated = false;
  for (let i = 0; i < history.length; i++) {
    const entry = history[i];
    if (!sawCreated && entry.kind === 'created') {
      sawCreated = true;
      const server = Date.parse(entry.at);
      if (!Number.isNaN(server)) created = Math.min(created, server);
    }
    if (initial !== undefined && reasonCode !== undefined) continue;
    for (const c of entry.changes) {
      if (initial === undefined && c.field === 'status') initial = isStatus(c.from) ? c.from : task.status;
      else if (reasonCode === undefined && c.field === 'reasonCode') reasonCode = typeof c.from === 'string' ? c.from : task.reasonCode;
    }
  }
  reasonCode ??= task.reasonCode;

  const moves: Move[] = [];
  let lastAt = -Infinity;
  for (let i = 0; i < history.length; i++) {
    const entry = history[i];
    const at = Date.parse(entry.at);
    if (at > lastAt) lastAt = at;
    let move: { from: unknown; to: unknown } | undefined;
    let reason: { to: unknown } | undefined;
    for (const c of entry.changes) {
      if (c.field === 'status') move ??= c;
      else if (c.field === 'reasonCode') reason ??= c;
    }
    if (reason && typeof reason.to === 'string') reasonCode = reason.to;
    if (!move || !isStatus(move.from) || !isStatus(move.to)) continue;
    moves.push({ at, from: move.from, to: move.to, actorId: entry.actorId, reasonCode });
  }
  return { created, initial: initial ?? task.status, moves, due: Date.parse(task.dueAt), lastAt };
}
