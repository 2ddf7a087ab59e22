// The practice's figures over a set of task documents: one implementation for the dashboard (in
// a worker, over the replica) and the report endpoint (over the server's tasks).
import type { PracticeConfig } from '../config/practice';
import { TASK_STATUSES } from '../task';
import { isOpenStatus } from '../workflow/statuses';
import type { Role } from '../wire';
import { taskFacts, type KpiTask, type AgeBucket, type TaskFacts, type Window } from './facts';
import { lifeOf } from './life';
import type { KpiReport } from './schema';
import { rememberedCompletedSla, rememberedSla } from './sla-memo';
import { daysOf, percentiles, wallClock } from './stats';

export interface KpiOptions {
  from: string;
  to: string;
  /** "Now": open work is judged at this instant. */
  at: string;
  /** The location's time zone: days and hours of the week are counted in it. */
  timeZone: string;
  /** Only tasks at these locations ([] or absent: every task given). */
  locationIds?: readonly string[];
  /** The staff role of an owner (from the practice's staff list), for load by role. */
  roleOf?: (userId: string) => Role | undefined;
  /** A task's SLA state at an instant (null: its type sets no targets); absent: no SLA figures, at risk by due date. */
  sla?: Window['sla'];
  /** A finished task's SLA state as of its completion (absent: worked out with `sla`). */
  slaCompleted?: Window['slaCompleted'];
  /**
   * Names the window and configuration (kpiOptionsFor sets it): a finished task's facts depend on
   * nothing else, so they are kept per task object under it and only open work is walked again.
   */
  cacheKey?: string;
}

export function kpiWindow(options: Pick<KpiOptions, 'from' | 'to' | 'at' | 'timeZone' | 'sla' | 'slaCompleted'>): Window {
  const { sla, slaCompleted } = options;
  return {
    from: Date.parse(options.from),
    to: Date.parse(options.to),
    at: Date.parse(options.at),
    wall: wallClock(options.timeZone),
    sla,
    slaCompleted: sla ? slaCompleted : undefined,
  };
}

/**
 * The options for a user's report: their chosen locations, counted in the first one's time zone,
 * with roles from the practice's staff list. The dashboard and the endpoint both build them here.
 */
export function kpiOptionsFor(
  practice: PracticeConfig,
  window: Pick<KpiOptions, 'from' | 'to' | 'at'>,
  locationIds: readonly string[],
): KpiOptions {
  const timeZone = practice.locations.get(locationIds[0] ?? '')?.timeZone ?? 'UTC';
  const cacheKey = `${practiceId(practice)}|${window.from}|${window.to}|${timeZone}`;
  return {
    ...window,
    timeZone,
    locationIds,
    roleOf: (id) => practice.staff.get(id)?.role,
    sla: rememberedSla(practice),
    slaCompleted: rememberedCompletedSla(practice),
    cacheKey,
  };
}

const practiceIds = new WeakMap<PracticeConfig, number>();
let lastPracticeId = 0;
function practiceId(practice: PracticeConfig): number {
  let id = practiceIds.get(practice);
  if (id === undefined) practiceIds.set(practice, (id = ++lastPracticeId));
  return id;
}

/** Finished tasks' facts by task object, under the options' cacheKey (see KpiOptions). */
const finishedFacts = new WeakMap<KpiTask, { key: string; facts: TaskFacts }>();
function factsOf(task: KpiTask, w: Window, key: string | undefined): TaskFacts {
  if (key === undefined || isOpenStatus(task.status)) return taskFacts(task, w);
  const known = finishedFacts.get(task);
  if (known?.key === key) return known.facts;
  const facts = taskFacts(task, w);
  finishedFacts.set(task, { key, facts });
  return facts;
}

function inLocations<T extends KpiTask>(tasks: readonly T[], locationIds: readonly string[] | undefined): T[] {
  if (!locationIds?.length) return [...tasks];
  const set = new Set(locationIds);
  return tasks.filter((t) => set.has(t.locationId));
}

/**
 * Finished before the window began: filed and last moved before `from`, so it adds to no figure
 * of the window (no stay, move, filing or completion in it, not open). Most of a practice's
 * history is such work; it is left out before its facts are worked out.
 */
function finishedBefore(task: KpiTask, w: Window): boolean {
  if (isOpenStatus(task.status)) return false;
  const life = lifeOf(task);
  return life.created < w.from && life.lastAt < w.from;
}

/** The facts of every task that adds to the window's figures (the tasks outside the locations, and work finished before the window, left out). */
export function allFacts(tasks: readonly KpiTask[], options: KpiOptions): TaskFacts[] {
  const w = kpiWindow(options);
  const facts: TaskFacts[] = [];
  for (const t of inLocations(tasks, options.locationIds)) if (!finishedBefore(t, w)) facts.push(factsOf(t, w, options.cacheKey));
  return facts;
}

interface SlaRow {
  met: number;
  missed: number;
  breachedOpen: number;
}
function slaRow(map: Map<string, SlaRow>, typeId: string): SlaRow {
  let row = map.get(typeId);
  if (!row) map.set(typeId, (row = { met: 0, missed: 0, breachedOpen: 0 }));
  return row;
}
const attainment = (r: SlaRow) => (r.met + r.missed ? r.met / (r.met + r.missed) : null);

type Aging = Record<AgeBucket, number>;
const emptyAging = (): Aging => ({ '0-1d': 0, '1-3d': 0, '3-7d': 0, '7d+': 0 });
interface Load {
  open: number;
  overdue: number;
  atRisk: number;
}

function tally<K>(map: Map<K, Load>, key: K, f: TaskFacts): void {
  const load = map.get(key) ?? { open: 0, overdue: 0, atRisk: 0 };
  load.open++;
  if (f.overdue) load.overdue++;
  if (f.atRisk) load.atRisk++;
  map.set(key, load);
}

/** Most open first, then by key: the heaviest queue or person leads. */
const byLoad = <K extends string>(map: Map<K, Load>) => [...map].sort((a, b) => b[1].open - a[1].open || a[0].localeCompare(b[0]));

function groupPercentiles(items: { key: string; ms: number }[]): [string, ReturnType<typeof percentiles>][] {
  const groups = new Map<string, number[]>();
  for (const { key, ms } of items) {
    const list = groups.get(key);
    if (list) list.push(ms);
    else groups.set(key, [ms]);
  }
  return [...groups].sort((a, b) => a[0].localeCompare(b[0])).map(([key, list]) => [key, percentiles(list)]);
}

export function computeKpis(tasks: readonly KpiTask[], options: KpiOptions): KpiReport {
  return summarize(allFacts(tasks, options), options);
}

export function summarize(facts: readonly TaskFacts[], options: KpiOptions): KpiReport {
  const w = kpiWindow(options);
  const openByStatus: Record<string, number> = {};
  const agingOpen = emptyAging();
  const agingByQueue = new Map<string, Aging>();
  const agingByCategory = new Map<string, Aging>();
  const queueLoad = new Map<string, Load>();
  const ownerLoad = new Map<string, Load>();
  const roleLoad = new Map<string, Load>();
  const days = new Map(daysOf(w.from, w.to, w.wall).map((d) => [d, { created: 0, closed: 0 }]));
  const reasons = new Map<string, { code: string; kind: TaskFacts['reasons'][number]['kind']; count: number }>();
  const cells = new Map<string, { channel: string; weekday: number; hour: number; count: number }>();
  const cycle: number[] = [];
  const activeCycle: number[] = [];
  const triage: number[] = [];
  const stages: { key: string; ms: number }[] = [];
  const decisions: { ms: number }[] = [];
  const byType: { key: string; ms: number }[] = [];
  const byReviewer: { key: string; ms: number }[] = [];
  let created = 0;
  let closed = 0;
  let open = 0;
  let overdue = 0;
  let atRisk = 0;
  let reworked = 0;
  let reopened = 0;
  const sla = new Map<string, SlaRow>();

  for (const f of facts) {
    const { task } = f;
    if (f.open && f.age) {
      open++;
      openByStatus[task.status] = (openByStatus[task.status] ?? 0) + 1;
      agingOpen[f.age]++;
      for (const [map, key] of [
        [agingByQueue, task.queue],
        [agingByCategory, task.category],
      ] as const) {
        const row = map.get(key) ?? emptyAging();
        row[f.age]++;
        map.set(key, row);
      }
      if (f.overdue) overdue++;
      if (f.atRisk) atRisk++;
      tally(queueLoad, task.queue, f);
      tally(ownerLoad, task.ownerId, f);
      tally(roleLoad, task.ownerId ? (options.roleOf?.(task.ownerId) ?? 'other') : 'unassigned', f);
    }
    if (f.created) {
      created++;
      const day = days.get(f.created.date);
      if (day) day.created++;
      const key = `${task.channel}|${f.created.weekday}|${f.created.hour}`;
      const cell = cells.get(key) ?? { channel: task.channel, weekday: f.created.weekday, hour: f.created.hour, count: 0 };
      cell.count++;
      cells.set(key, cell);
    }
    if (f.completedAt !== undefined && f.cycleMs !== undefined && f.activeCycleMs !== undefined) {
      closed++;
      const day = f.completedDay ? days.get(f.completedDay) : undefined;
      if (day) day.closed++;
      cycle.push(f.cycleMs);
      activeCycle.push(f.activeCycleMs);
      if (f.reworked) reworked++;
      if (f.reopened) reopened++;
    }
    if (f.slaResult) slaRow(sla, task.typeId)[f.slaResult]++;
    if (f.slaNow === 'breached') slaRow(sla, task.typeId).breachedOpen++;
    if (f.triageMs !== undefined) triage.push(f.triageMs);
    for (const s of f.stages) stages.push({ key: s.status, ms: s.ms });
    for (const d of f.decisions) {
      decisions.push(d);
      byType.push({ key: task.typeId, ms: d.ms });
      byReviewer.push({ key: d.reviewerId, ms: d.ms });
    }
    for (const r of f.reasons) {
      const key = `${r.kind}|${r.code}`;
      const row = reasons.get(key) ?? { code: r.code, kind: r.kind, count: 0 };
      row.count++;
      reasons.set(key, row);
    }
  }
  const slaTotal = { met: 0, missed: 0, breachedOpen: 0 };
  for (const r of sla.values()) {
    slaTotal.met += r.met;
    slaTotal.missed += r.missed;
    slaTotal.breachedOpen += r.breachedOpen;
  }
  const stageOrder = (status: string) => (TASK_STATUSES as readonly string[]).indexOf(status);
  return {
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    at: new Date(w.at).toISOString(),
    timeZone: options.timeZone,
    locationIds: [...(options.locationIds ?? [])],
    created,
    closed,
    open,
    // In workflow order, whatever order the tasks came in (the endpoint's and the replica's differ).
    openByStatus: Object.fromEntries(TASK_STATUSES.filter((s) => openByStatus[s] !== undefined).map((s) => [s, openByStatus[s]])),
    overdueOpen: overdue,
    atRiskOpen: atRisk,
    agingOpen,
    agingByQueue: [...agingByQueue].sort((a, b) => a[0].localeCompare(b[0])).map(([queue, a]) => ({ queue, ...a })),
    agingByCategory: [...agingByCategory].sort((a, b) => a[0].localeCompare(b[0])).map(([category, a]) => ({ category, ...a })),
    cycleTimeSeconds: percentiles(cycle),
    activeCycleTimeSeconds: percentiles(activeCycle),
    stageSeconds: groupPercentiles(stages)
      .sort((a, b) => stageOrder(a[0]) - stageOrder(b[0]))
      .map(([status, p]) => ({ status, ...p })),
    triageSeconds: percentiles(triage),
    approvalTurnaroundSeconds: percentiles(decisions.map((d) => d.ms)),
    approvalByType: groupPercentiles(byType).map(([typeId, p]) => ({ typeId, ...p })),
    approvalByReviewer: groupPercentiles(byReviewer).map(([reviewerId, p]) => ({ reviewerId, ...p })),
    reworkRate: closed ? reworked / closed : null,
    reopenRate: closed ? reopened / closed : null,
    slaMet: slaTotal.met,
    slaMissed: slaTotal.missed,
    slaAttainmentRate: attainment(slaTotal),
    slaBreachedOpen: slaTotal.breachedOpen,
    slaAttainment: [...sla].sort((a, b) => a[0].localeCompare(b[0])).map(([typeId, r]) => ({ typeId, ...r, rate: attainment(r) })),
    queueLoad: byLoad(queueLoad).map(([queue, l]) => ({ queue, ...l })),
    ownerLoad: byLoad(ownerLoad).map(([ownerId, l]) => ({ ownerId, ...l })),
    roleLoad: byLoad(roleLoad).map(([role, l]) => ({ role: role as KpiReport['roleLoad'][number]['role'], ...l })),
    throughput: [...days].map(([date, d]) => ({ date, ...d })),
    exceptionReasons: [...reasons.values()].sort(
      (a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code),
    ),
    intakeByChannelHour: [...cells.values()].sort((a, b) => a.channel.localeCompare(b.channel) || a.weekday - b.weekday || a.hour - b.hour),
  };
}
