// What one task contributes to the figures of a window: worked out once per task, then summed
// (compute.ts) or filtered (figures.ts, the tasks behind a figure), so a figure and its list of
// tasks can never disagree.
import { TASK_STATUSES, type Task, type TaskStatus } from '../task';
import { isOpenStatus } from '../workflow/statuses';
import { isAtRiskAt, isOverdueAt } from './at-risk';
import { lifeOf } from './life';
import type { SlaState } from '../sla/clock';
import { addSlaFacts } from './sla-facts';
import type { WallTime } from './stats';

export const AGE_BUCKETS = ['0-1d', '1-3d', '3-7d', '7d+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export const REASON_KIND_OF_STATUS: Partial<Record<TaskStatus, 'exception' | 'rejection' | 'needs_info'>> = {
  waiting: 'exception',
  rejected: 'rejection',
  needs_info: 'needs_info',
};
type ReasonEventKind = 'exception' | 'rejection' | 'needs_info' | 'reopen';

/** While waiting on someone else or sent back for information the owner cannot move the task. */
export const PAUSED_STATUSES: readonly TaskStatus[] = ['waiting', 'needs_info'];
const DAY = 24 * 3600_000;

export interface Window {
  from: number;
  to: number;
  /** "Now" for open work: overdue, at risk and age are measured at this instant. */
  at: number;
  wall: (instant: number) => WallTime;
  /** A task's SLA state at an instant; null when its type sets no targets (absent: no SLA figures). */
  sla?: (task: KpiTask, now: number) => SlaState | null;
  /** A finished task's SLA state as of its completion at `at` (absent: worked out with `sla`; sla-memo.ts remembers it). */
  slaCompleted?: (task: KpiTask, at: number) => SlaState | null;
}

/** The fields of a task the figures read (no title, patient, request text or notes). */
export const KPI_TASK_FIELDS = [
  'id',
  'status',
  'typeId',
  'queue',
  'locationId',
  'ownerId',
  'dueAt',
  'channel',
  'category',
  'reasonCode',
  'waitingOn',
  'createdAt',
  'updatedAt',
  'pendingSync',
  'history',
] as const;
export type KpiTask = Pick<Task, (typeof KPI_TASK_FIELDS)[number]>;

/** History entries keep only the changes the figures and the SLA clock replay: status, reason code, owner and what it waits on (the clock's pauses). */
const KPI_HISTORY_FIELDS = new Set(['status', 'reasonCode', 'ownerId', 'waitingOn']);

/**
 * A task cut down to what the figures read, so the dashboard's worker gets no PHI and a large
 * replica costs less to hand over. Every history entry stays (with its time, actor and action,
 * the other changes left out): the SLA clock's idle time and escalation level read them, so the
 * server's SLA report and automation work from the same cut-down tasks. The figures and SLA
 * state of a cut-down task equal those of the full one.
 */
export function kpiProjection(task: KpiTask): KpiTask {
  const out = {} as Record<string, unknown>;
  for (const f of KPI_TASK_FIELDS) out[f] = task[f];
  out.history = task.history.map((h) => {
    const entry: Record<string, unknown> = {
      rev: h.rev,
      at: h.at,
      actorId: h.actorId,
      actorName: '',
      workstationId: '',
      kind: h.kind,
      changes: h.changes.filter((c) => KPI_HISTORY_FIELDS.has(c.field)),
    };
    if (h.action !== undefined) entry.action = h.action;
    return entry;
  });
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
  /** Open work whose type sets SLA targets: its SLA state now. */
  slaNow?: SlaState;
  /** Completed in the window, with SLA targets: met or missed, as of that completion. */
  slaResult?: 'met' | 'missed';
}

function ageBucket(ms: number): AgeBucket {
  if (ms < DAY) return '0-1d';
  if (ms < 3 * DAY) return '1-3d';
  if (ms < 7 * DAY) return '3-7d';
  return '7d+';
}

/** A task's facts before its history is walked: what it is now, and when it was filed. */
export function openFacts(task: KpiTask, created: number, w: Window, due = Date.parse(task.dueAt)): TaskFacts {
  const open = isOpenStatus(task.status);
  return {
    task,
    open,
    overdue: open && isOverdueAt(due, w.at),
    atRisk: open && isAtRiskAt(due, w.at),
    age: open ? ageBucket(Math.max(0, w.at - created)) : undefined,
    created: created >= w.from && created < w.to ? w.wall(created) : undefined,
    stages: [],
    decisions: [],
    reasons: [],
    reworked: false,
    reopened: false,
  };
}

const OPEN = new Set<string>(TASK_STATUSES.filter(isOpenStatus));
const PAUSED = new Set<string>(PAUSED_STATUSES);
const REVIEW_FROM = new Set<string>(['needs_review', 'in_review']);
const DECISION_TO = new Set<string>(['approved', 'rejected', 'needs_info']);
const REOPENED_FROM = new Set<string>(['done', 'closed', 'rejected']);

/**
 * What `task` contributes to the window's figures, in one pass over its moves (read from its
 * history once per task object: life.ts), measuring the stretches between moves as the walk passes
 * them. reference-facts.ts is the plain version; facts.test.ts holds them equal.
 */
export function taskFacts(task: KpiTask, w: Window): TaskFacts {
  const life = lifeOf(task);
  const created = life.created;
  const facts = openFacts(task, created, w, life.due);
  let status = life.initial;
  let start = created;
  let paused: number[] | undefined; // [start, end] pairs of the paused stretches that ended
  let sentToReview: number | undefined;
  let leftTriage = false;
  const moves = life.moves;
  for (let i = 0; i < moves.length; i++) {
    const { at, from, to } = moves[i];
    // The stretch in `status` ends here (never before it began).
    const end = Math.max(start, at);
    if (end >= w.from && end < w.to) facts.stages.push({ status, ms: end - start });
    if (PAUSED.has(status)) (paused ??= []).push(start, end);
    status = to;
    start = end;

    const here = at >= w.from && at < w.to;
    if (to === 'rejected' || to === 'needs_info') facts.reworked = true;
    const reopen = REOPENED_FROM.has(from) && to === 'in_progress';
    if (reopen) facts.reopened = true;
    if (from === 'new' && !leftTriage) {
      leftTriage = true;
      if (here) facts.triageMs = at - created;
    }
    if (to === 'needs_review') sentToReview = at;
    if (here && sentToReview !== undefined && REVIEW_FROM.has(from) && DECISION_TO.has(to)) {
      facts.decisions.push({ reviewerId: moves[i].actorId, ms: at - sentToReview });
    }
    if (!here) continue;
    const kind = REASON_KIND_OF_STATUS[to] ?? (reopen ? 'reopen' : undefined);
    if (kind) facts.reasons.push({ kind, code: moves[i].reasonCode });
    if (OPEN.has(from) && !OPEN.has(to)) facts.completedAt = at;
  }
  if (facts.completedAt !== undefined) {
    const done = facts.completedAt;
    facts.completedDay = w.wall(done).date;
    facts.cycleMs = done - created;
    // Paused stretches count up to the completion; the one still running ends there too.
    let pausedMs = PAUSED.has(status) ? Math.max(0, done - start) : 0;
    if (paused) for (let i = 0; i < paused.length; i += 2) pausedMs += Math.max(0, Math.min(paused[i + 1], done) - paused[i]);
    facts.activeCycleMs = facts.cycleMs - pausedMs;
  }
  addSlaFacts(facts, w);
  return facts;
}
