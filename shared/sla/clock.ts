// The SLA clock: one pure function from a task, its type's targets, its location's calendar and
// `now` to the task's SLA state. The board, the approval window, the server's scheduler and the
// reports all call it, so every workstation (offline too) and the server agree.
import type { PracticeConfig } from '../config/practice';
import type { SlaPauseReason, SlaTargets } from '../config/schemas';
import type { Task, WaitingOn } from '../task';
import { isOpenStatus } from '../workflow/statuses';
import { ALWAYS_OPEN, addBusinessMs, businessMsBetween, type BusinessCalendar } from './business-time';
import { lastChangeAt, taskPhases, type Phase } from './timeline';

export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused', 'met', 'missed'] as const;
export type SlaState = (typeof SLA_STATES)[number];
type SlaClockKind = 'first_touch' | 'resolution';

export interface SlaStatus {
  state: SlaState;
  /** The clock the state is about: the one with the least time left while open, else resolution. */
  clock: SlaClockKind;
  /** When the clock's target is (or was) reached; while paused, if it resumed now. '' = never (no open hours). */
  dueAt: string;
  /** Business time left on that clock; negative: breached by that much. */
  leftSeconds: number;
  targetSeconds: number;
  elapsedSeconds: number;
  /** Wall-clock time spent paused, in total. */
  pausedSeconds: number;
  /** Since when the clock is paused; '' while it runs. */
  pausedSince: string;
  /** What the task waits on now ('needs_info' when sent back), and since when. */
  waitingOn: WaitingOn | 'needs_info';
  waitingSince: string;
  /** Wall-clock and business time since the task last changed. */
  idleSeconds: number;
  idleBusinessSeconds: number;
  /** When work first started ('' not yet) and when the first-touch target was (or is) due. */
  firstTouchAt: string;
  firstTouchState: SlaState | '';
  /** When the task was finished ('' while open). */
  resolvedAt: string;
}

export type SlaTask = Pick<Task, 'status' | 'waitingOn' | 'createdAt' | 'updatedAt' | 'pendingSync' | 'history'>;
/** The targets as the clock reads them (defaults already applied by the schema). */
export type SlaRule = Pick<SlaTargets, 'firstTouchHours' | 'resolutionHours' | 'atRiskShare' | 'pauseWhile'>;

const UNTOUCHED = new Set(['new', 'ready']);
const HOUR = 3600_000;
const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : '');
const seconds = (ms: number) => Math.round(ms / 1000);

function pauseReason(p: Pick<Phase, 'status' | 'waitingOn'>): SlaPauseReason | '' {
  if (p.status === 'needs_info') return 'needs_info';
  if (p.status === 'waiting') return p.waitingOn || 'other';
  return '';
}

interface Span extends Phase {
  to: number;
  running: boolean;
}

/**
 * Open business time the clock ran before `until`, and the instant it reached `target` (if it did;
 * only worked out `withDue`: the state alone does not need it).
 */
function run(
  cal: BusinessCalendar,
  spans: Span[],
  until: number,
  target: number,
  withDue: boolean,
): { elapsed: number; reachedAt: number } {
  let elapsed = 0;
  let reachedAt = NaN;
  for (const s of spans) {
    if (!s.running || s.from >= until) continue;
    const part = businessMsBetween(cal, s.from, Math.min(s.to, until));
    if (withDue && Number.isNaN(reachedAt) && elapsed + part >= target && target > 0)
      reachedAt = addBusinessMs(cal, s.from, target - elapsed);
    elapsed += part;
  }
  return { elapsed, reachedAt };
}

interface ClockResult {
  kind: SlaClockKind;
  target: number;
  elapsed: number;
  dueAt: number;
  /** Stopped: first touch made, or the task finished. */
  stoppedAt: number;
}

const hasTargets = (rule: SlaRule) => rule.firstTouchHours > 0 || rule.resolutionHours > 0;

/** The clocks of a task at `now` and the state they give; due times only `withDue`. */
function evaluate(task: SlaTask, rule: SlaRule, cal: BusinessCalendar, now: number, withDue: boolean) {
  const phases = taskPhases(task, now);
  const paused = (p: Phase) => {
    const reason = pauseReason(p);
    return reason !== '' && rule.pauseWhile.includes(reason);
  };
  const spans: Span[] = phases.map((p, i) => ({ ...p, to: phases[i + 1]?.from ?? now, running: isOpenStatus(p.status) && !paused(p) }));
  const current = spans[spans.length - 1];
  const open = isOpenStatus(current.status);

  const touched = spans.find((s) => !UNTOUCHED.has(s.status));
  const touchedAt = touched ? touched.from : NaN;
  let resolvedAt = NaN;
  if (!open) for (let i = spans.length - 1; i >= 0 && !isOpenStatus(spans[i].status); i--) resolvedAt = spans[i].from;

  const clock = (kind: SlaClockKind, hours: number, stoppedAt: number): ClockResult => {
    const target = hours * HOUR;
    const until = Number.isNaN(stoppedAt) ? now : stoppedAt;
    const { elapsed, reachedAt } = run(cal, spans, until, target, withDue);
    // Not reached yet: due after the time left, counted from now (from the resume, while paused).
    const dueAt = !withDue ? NaN : Number.isNaN(reachedAt) ? addBusinessMs(cal, until, target - elapsed) : reachedAt;
    return { kind, target, elapsed, dueAt, stoppedAt };
  };
  const clocks: ClockResult[] = [];
  if (rule.firstTouchHours > 0) clocks.push(clock('first_touch', rule.firstTouchHours, touchedAt));
  if (rule.resolutionHours > 0) clocks.push(clock('resolution', rule.resolutionHours, resolvedAt));

  const pausedNow = open && paused(current);
  const runningState = (c: ClockResult): SlaState => {
    if (!Number.isNaN(c.stoppedAt)) return c.elapsed > c.target ? 'missed' : 'met';
    if (c.elapsed > c.target || (c.elapsed === c.target && !pausedNow)) return 'breached';
    if (pausedNow) return 'paused';
    return c.elapsed >= rule.atRiskShare * c.target ? 'at_risk' : 'on_track';
  };
  const active = clocks.filter((c) => Number.isNaN(c.stoppedAt));
  let main: ClockResult;
  let state: SlaState;
  if (open && active.length) {
    main = active.reduce((a, b) => (b.target - b.elapsed < a.target - a.elapsed ? b : a));
    state = runningState(main);
  } else {
    main = clocks[clocks.length - 1];
    state = open ? runningState(main) : clocks.some((c) => runningState(c) === 'missed') ? 'missed' : 'met';
  }
  return { spans, current, open, paused, pausedNow, touchedAt, resolvedAt, clocks, main, state, runningState };
}

/**
 * The SLA state of `task` at `now` (ms since the epoch), or null when its type sets no target.
 * Only the task's fields and history, the rule, the calendar and `now` decide: never the
 * machine's clock or time zone.
 */
export function slaStatus(task: SlaTask, rule: SlaRule, cal: BusinessCalendar, now: number): SlaStatus | null {
  if (!hasTargets(rule)) return null;
  const { spans, current, open, paused, pausedNow, touchedAt, resolvedAt, clocks, main, state, runningState } = evaluate(
    task,
    rule,
    cal,
    now,
    true,
  );
  const first = clocks.find((c) => c.kind === 'first_touch');

  const pausedMs = spans.reduce((sum, s) => sum + (isOpenStatus(s.status) && paused(s) ? s.to - s.from : 0), 0);
  const reason = open ? pauseReason(current) : '';
  const changedAt = lastChangeAt(task, now);
  return {
    state,
    clock: main.kind,
    dueAt: iso(main.dueAt),
    leftSeconds: seconds(main.target - main.elapsed),
    targetSeconds: seconds(main.target),
    elapsedSeconds: seconds(main.elapsed),
    pausedSeconds: seconds(pausedMs),
    pausedSince: pausedNow ? iso(current.from) : '',
    waitingOn: reason === '' ? '' : reason === 'needs_info' ? 'needs_info' : current.waitingOn,
    waitingSince: reason === '' ? '' : iso(current.from),
    idleSeconds: seconds(now - changedAt),
    idleBusinessSeconds: seconds(businessMsBetween(cal, changedAt, now)),
    firstTouchAt: iso(touchedAt),
    firstTouchState: first ? runningState(first) : '',
    resolvedAt: iso(resolvedAt),
  };
}

/** The state alone, as slaStatus gives it, without the due time and idle time (the KPI figures over many tasks). */
export function slaState(task: SlaTask, rule: SlaRule, cal: BusinessCalendar, now: number): SlaState | null {
  return hasTargets(rule) ? evaluate(task, rule, cal, now, false).state : null;
}

/** The calendar of a task's location (open around the clock when the location is unknown). */
export function calendarOf(config: PracticeConfig, locationId: string): BusinessCalendar {
  return config.locations.get(locationId) ?? ALWAYS_OPEN;
}

/** A task's SLA state alone under the practice's configuration (see slaState); null when its type has no SLA. */
export function taskSlaState(task: SlaTask & Pick<Task, 'typeId' | 'locationId'>, config: PracticeConfig, now: number): SlaState | null {
  const rule = config.taskTypes.get(task.typeId)?.sla;
  return rule ? slaState(task, rule, calendarOf(config, task.locationId), now) : null;
}

/** A task's SLA state under the practice's configuration; null when its type has no SLA. */
export function taskSla(task: SlaTask & Pick<Task, 'typeId' | 'locationId'>, config: PracticeConfig, now: number): SlaStatus | null {
  const rule = config.taskTypes.get(task.typeId)?.sla;
  return rule ? slaStatus(task, rule, calendarOf(config, task.locationId), now) : null;
}
