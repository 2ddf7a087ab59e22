// Dashboard computations over a copy of the replica's tasks (cut down to what the figures read)
// that the worker keeps between them: each job brings only what changed since the one before, so
// opening the dashboard again walks no history twice (finished tasks' facts stay remembered per
// task object and window). Where no worker is available (tests in Node) the same class runs inline.
import type { PracticeConfig } from '../../../shared/config/practice';
import { allFacts, kpiOptionsFor, summarize, tasksBehind, type KpiFigure, type KpiReport, type KpiTask, type TaskFacts } from '../../../shared/kpi';

export interface KpiJob {
  /** Tasks written since the last job (every task the first time). */
  upserts: KpiTask[];
  /** Ids of tasks gone since the last job. */
  removed: string[];
  /** The practice configuration when it changed since the last job (always the first time). */
  practice?: PracticeConfig;
  window: { from: string; to: string; at: string };
  locationIds: string[];
}

/** The figures of a job, with its facts kept for the clicks that follow (the tasks behind a figure). */
export class KpiRun {
  private readonly tasks = new Map<string, KpiTask>();
  private practice: PracticeConfig | undefined;
  private facts: TaskFacts[] = [];
  private roleOf: (id: string) => string | undefined = () => undefined;

  /** Takes tasks ahead of a job (a large first read arrives in several messages). */
  put(tasks: readonly KpiTask[]): void {
    for (const task of tasks) this.tasks.set(task.id, task);
  }

  compute(job: KpiJob): KpiReport {
    for (const id of job.removed) this.tasks.delete(id);
    this.put(job.upserts);
    if (job.practice) this.practice = job.practice;
    if (!this.practice) throw new Error('The dashboard has no practice configuration yet');
    const options = kpiOptionsFor(this.practice, job.window, job.locationIds);
    this.facts = allFacts([...this.tasks.values()], options);
    this.roleOf = options.roleOf ?? this.roleOf;
    return summarize(this.facts, options);
  }

  behind(figure: KpiFigure): string[] {
    return tasksBehind(this.facts, figure, this.roleOf);
  }
}
