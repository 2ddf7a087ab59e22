// The dashboard's side of the figures, held where they are computed (the worker, or inline where
// no Worker exists: Node tests): the replica's tasks cut down to what the figures read (no PHI),
// kept current by the replica's changes, and the practice configuration. A report then walks only
// what changed since the last one (shared/kpi keeps each task's parsed life and finished facts).
import type { PracticeConfig } from '../../shared/config/practice';
import { allFacts, kpiOptionsFor, summarize, tasksBehind, type KpiFigure, type KpiReport, type KpiTask, type TaskFacts } from '../../shared/kpi';

export interface KpiWindow {
  from: string;
  to: string;
  at: string;
}

/** A task as the replica last wrote it: `lwt` (RxDB's local write time) orders the states of one task. */
export interface FedTask {
  lwt: number;
  task: KpiTask;
}

export class KpiStore {
  /** By id: the newest state seen (`task` null once deleted), so an older read arriving late changes nothing. */
  private readonly tasks = new Map<string, { lwt: number; task: KpiTask | null }>();
  private practice: PracticeConfig | undefined;
  private facts: TaskFacts[] = [];
  private roleOf: (id: string) => string | undefined = () => undefined;

  upsert(rows: readonly FedTask[]): void {
    for (const { lwt, task } of rows) this.put(task.id, lwt, task);
  }

  remove(rows: readonly { id: string; lwt: number }[]): void {
    for (const { id, lwt } of rows) this.put(id, lwt, null);
  }

  private put(id: string, lwt: number, task: KpiTask | null): void {
    const known = this.tasks.get(id);
    if (known && known.lwt > lwt) return;
    this.tasks.set(id, { lwt, task });
  }

  setPractice(practice: PracticeConfig): void {
    this.practice = practice;
  }

  get size(): number {
    let n = 0;
    for (const { task } of this.tasks.values()) if (task) n++;
    return n;
  }

  compute(window: KpiWindow, locationIds: string[]): KpiReport {
    if (!this.practice) throw new Error('The practice configuration has not arrived yet');
    const tasks: KpiTask[] = [];
    for (const { task } of this.tasks.values()) if (task) tasks.push(task);
    const options = kpiOptionsFor(this.practice, window, locationIds);
    this.facts = allFacts(tasks, options);
    this.roleOf = options.roleOf ?? this.roleOf;
    return summarize(this.facts, options);
  }

  behind(figure: KpiFigure): string[] {
    return tasksBehind(this.facts, figure, this.roleOf);
  }
}

/** What the main thread sends the store (checked by the worker before it is applied). */
export type KpiMessage =
  | { type: 'upsert'; rows: FedTask[] }
  | { type: 'remove'; rows: { id: string; lwt: number }[] }
  | { type: 'practice'; practice: PracticeConfig }
  | { type: 'compute'; id: number; window: KpiWindow; locationIds: string[] }
  | { type: 'behind'; id: number; figure: KpiFigure };

/** Applies one message; the answer of a compute or behind. */
export function applyKpiMessage(store: KpiStore, message: KpiMessage): unknown {
  switch (message.type) {
    case 'upsert':
      return store.upsert(message.rows);
    case 'remove':
      return store.remove(message.rows);
    case 'practice':
      return store.setPractice(message.practice);
    case 'compute':
      return store.compute(message.window, message.locationIds);
    case 'behind':
      return store.behind(message.figure);
  }
}
