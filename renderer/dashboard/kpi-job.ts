// One dashboard computation: the replica's tasks (cut down to what the figures read), the
// practice configuration, the window and the locations. The worker runs it; where no worker is
// available (tests in Node) the same functions run inline.
import type { PracticeConfig } from '../../shared/config/practice';
import { allFacts, kpiOptionsFor, summarize, tasksBehind, type KpiFigure, type KpiReport, type KpiTask, type TaskFacts } from '../../shared/kpi';

export interface KpiJob {
  tasks: KpiTask[];
  practice: PracticeConfig;
  window: { from: string; to: string; at: string };
  locationIds: string[];
}

/** The figures of a job, with its facts kept for the clicks that follow (the tasks behind a figure). */
export class KpiRun {
  private facts: TaskFacts[] = [];
  private roleOf: (id: string) => string | undefined = () => undefined;

  compute(job: KpiJob): KpiReport {
    const options = kpiOptionsFor(job.practice, job.window, job.locationIds);
    this.facts = allFacts(job.tasks, options);
    this.roleOf = options.roleOf ?? this.roleOf;
    return summarize(this.facts, options);
  }

  behind(figure: KpiFigure): string[] {
    return tasksBehind(this.facts, figure, this.roleOf);
  }
}
