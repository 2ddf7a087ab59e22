// A task as the figures need it once it is finished (done or closed): its fields, its life (the
// status moves, life.ts) and its SLA state as of each completion, without its history. A report
// over digests equals the report over the full tasks (digest.test.ts); the server keeps its
// finished tasks this way, in memory and in a snapshot, so a report after a start reads no history.
// Open work keeps its history: the SLA clock replays it at every "now".
import type { PracticeConfig } from '../config/practice';
import type { SlaState } from '../sla/clock';
import { TASK_STATUSES } from '../task';
import { isOpenStatus } from '../workflow/statuses';
import type { KpiTask } from './facts';
import { adoptLife, lifeOf, type TaskLife } from './life';
import { primeCompletedSla, rememberedCompletedSla } from './sla-memo';

export interface TaskDigest {
  /** The task cut down (kpiProjection); a finished task's history is left empty. */
  task: KpiTask;
  /** A finished task: its life and its SLA state (null: no targets) as of each completion. */
  life?: TaskLife;
  completedSla?: [number, SlaState | null][];
}

const OPEN = new Set<string>(TASK_STATUSES.filter(isOpenStatus));

/** The digest of a cut-down task under `practice` (the SLA answers depend on its targets and calendars). */
export function digestOf(task: KpiTask, practice: PracticeConfig): TaskDigest {
  if (isOpenStatus(task.status)) return { task };
  const life = lifeOf(task);
  const completed = rememberedCompletedSla(practice);
  const completedSla: [number, SlaState | null][] = [];
  for (const move of life.moves) if (OPEN.has(move.from) && !OPEN.has(move.to)) completedSla.push([move.at, completed(task, move.at)]);
  return { task: taskOfDigest({ task: { ...task, history: [] }, life, completedSla }, practice), life, completedSla };
}

/**
 * The task object a report reads from a digest made under the same configuration: its life and
 * SLA answers are given to it, so nothing asks for the history it no longer has.
 */
export function taskOfDigest(digest: TaskDigest, practice: PracticeConfig): KpiTask {
  const { task, life, completedSla } = digest;
  if (life) adoptLife(task, life);
  if (completedSla) primeCompletedSla(practice, task, completedSla);
  return task;
}
