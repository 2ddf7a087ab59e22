// What one task contributes to the figures of a window: worked out once per task, then summed
// (compute.ts) or filtered (figures.ts, the tasks behind a figure), so a figure and its list of
// tasks can never disagree.
import type { Task, TaskStatus } from '../task';
import { isOpenStatus } from '../workflow/statuses';
import { isAtRisk, isOverdue } from './at-risk';
import { createdTime, replayTask, stretchesOf } from './replay';
import type { WallTime } from './stats';

export const AGE_BUCKETS = ['0-1d', '1-3d', '3-7d', '7d+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export const REASON_KIND_OF_STATUS: Partial<Record<TaskStatus, 'exception' | 'rejection' | 'needs_info'>> = {
  waiting: 'exception',
  rejected: 'rejection',
  needs_info: 'needs_info',
};
export type ReasonEventKind = 'exception' | 'rejection' | 'needs_info' | 'reopen';

/** While waiting on someone else or sent back for information the owner cannot move the task. */
export const PAUSED_STATUSES: readonly TaskStatus[] = ['waiting', 'needs_info'];
const FINISHED = (s: TaskStatus) => !isOpenStatus(s);
const REVIEW_FROM: readonly TaskStatus[] = ['needs_review', 'in_review'];
const DECISION_TO: readonly TaskStatus[] = ['approved', 'rejected', 'needs_info'];
const REOPENED_FROM: readonly TaskStatus[] = ['done', 'closed', 'rejected'];
const DAY = 24 * 3600_000;

export interface Window {
  from: number;
  to: number;
  /** "Now" for open work: overdue, at risk and age are measured at this instant. */
  at: number;
  wall: (instant: number) => WallTime;
}

/** The fields of a task the figures read (no title, patient, request text or notes). */
export const KPI_TASK_FIELDS = ['id', 'status', 'typeId', 'queue', 'locationId', 'ownerId', 'dueAt', 'channel', 'category', 'reasonCode', 'createdAt', 'history'] as const;
export type KpiTask = Pick<Task, (typeof KPI_TASK_FIELDS)[number]>;

/** History entries keep only the moves the figures replay: status, reason code and owner changes. */
const KPI_HISTORY_FIELDS = new Set(['status', 'reasonCode', 'ownerId']);

/**
 * A task cut down to what the figures read, so the dashboard's worker gets no PHI and a large
 * replica costs less to hand over. The figures of a cut-down task equal those of the full one.
 */
export function kpiProjection(task: KpiTask): KpiTask {
  const out = {} as Record<string, unknown>;
  for (const f of KPI_TASK_FIELDS) out[f] = task[f];
  out.history = task.history
    .filter((h) => h.kind === 'created' || h.changes.some((c) => KPI_HISTORY_FIELDS.has(c.field)))
    .map((h) => ({ rev: h.rev, at: h.at, actorId: h.actorId, actorName: '', workstationId: '', kind: h.kind, changes: h.changes.filter((c) => KPI_HISTORY_FIELDS.has(c.field)) }));
  return out as KpiTask;
}

export interface TaskFacts {
  task: KpiTask;
  open: boolean;
  overdue: boolean;
  atRisk: boolean;
  /** Age of open work since creation (undefined for finished work). */
  age?: AgeBucket;
  /** When filed, if inside the window: its wall-clock day, weekday and hour. */
  created?: WallTime;
  /** Its last completion (open → done or closed) inside the window. */
  completedAt?: number;
  completedDay?: string;
  cycleMs?: number;
  /** Cycle time without the paused stretches (waiting, needs info). */
  activeCycleMs?: number;
  /** Time from filing to leaving triage, when it left triage inside the window. */
  triageMs?: number;
  /** Stretches in a status that ended inside the window. */
  stages: { status: TaskStatus; ms: number }[];
  /** Review decisions inside the window: who decided and how long since it was sent to review. */
  decisions: { reviewerId: string; ms: number }[];
  /** Exceptions, rejections, send-backs and reopens inside the window, with their reason code. */
  reasons: { kind: ReasonEventKind; code: string }[];
  /** Sent back or rejected at least once, ever (rework). */
  reworked: boolean;
  /** Reopened at least once, ever. */
  reopened: boolean;
}

export function ageBucket(ms: number): AgeBucket {
  if (ms < DAY) return '0-1d';
  if (ms < 3 * DAY) return '1-3d';
  if (ms < 7 * DAY) return '3-7d';
  return '7d+';
}

const inWindow = (t: number, w: Window) => t >= w.from && t < w.to;

export function taskFacts(task: KpiTask, w: Window): TaskFacts {
  const created = createdTime(task);
  const { initial, transitions } = replayTask(task);
  const stretches = stretchesOf(initial, created, transitions);
  const open = isOpenStatus(task.status);
  const facts: TaskFacts = {
    task,
    open,
    overdue: isOverdue(task, w.at),
    atRisk: isAtRisk(task, w.at),
    age: open ? ageBucket(Math.max(0, w.at - created)) : undefined,
    created: inWindow(created, w) ? w.wall(created) : undefined,
    stages: [],
    decisions: [],
    reasons: [],
    reworked: false,
    reopened: false,
  };
  let sentToReview: number | undefined;
  let leftTriage = false;
  for (const move of transitions) {
    const here = inWindow(move.at, w);
    if (move.to === 'rejected' || move.to === 'needs_info') facts.reworked = true;
    const reopen = REOPENED_FROM.includes(move.from) && move.to === 'in_progress';
    if (reopen) facts.reopened = true;
    if (move.from === 'new' && !leftTriage) {
      leftTriage = true;
      if (here) facts.triageMs = move.at - created;
    }
    if (move.to === 'needs_review') sentToReview = move.at;
    if (REVIEW_FROM.includes(move.from) && DECISION_TO.includes(move.to) && sentToReview !== undefined && here) {
      facts.decisions.push({ reviewerId: move.actorId, ms: move.at - sentToReview });
    }
    if (!here) continue;
    const kind = REASON_KIND_OF_STATUS[move.to] ?? (reopen ? 'reopen' : undefined);
    if (kind) facts.reasons.push({ kind, code: move.reasonCode });
    if (!FINISHED(move.from) && FINISHED(move.to)) facts.completedAt = move.at;
  }
  for (const s of stretches) {
    if (s.end !== undefined && inWindow(s.end, w)) facts.stages.push({ status: s.status, ms: s.end - s.start });
  }
  if (facts.completedAt !== undefined) {
    const done = facts.completedAt;
    facts.completedDay = w.wall(done).date;
    facts.cycleMs = done - created;
    const paused = stretches
      .filter((s) => PAUSED_STATUSES.includes(s.status))
      .reduce((sum, s) => sum + Math.max(0, Math.min(s.end ?? done, done) - s.start), 0);
    facts.activeCycleMs = facts.cycleMs - paused;
  }
  return facts;
}
