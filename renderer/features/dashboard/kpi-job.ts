// Dashboard computations over a copy of the replica's tasks that the worker keeps between them,
// as KPI digests (shared/kpi/digest.ts: a finished task's moves and SLA answers worked out once,
// its history dropped; open work keeps its history): each job brings only what the replica wrote
// since the one before, so opening the dashboard again walks no history twice. With an IndexedDB
// factory the digests are also kept across a reload (digest-store.ts): a reload starts from them
// and reads only the replica's later writes. Where no worker is available (tests in Node) the
// same class runs inline.
import type { PracticeConfig } from '../../../shared/config/practice';
import {
  allFacts,
  digestOf,
  kpiOptionsFor,
  summarize,
  taskOfDigest,
  tasksBehind,
  type KpiFigure,
  type KpiReport,
  type KpiTask,
  type TaskDigest,
  type TaskFacts,
} from '../../../shared/kpi';
import { loadDigests, saveDigests, type ReplicaCheckpoint } from './digest-store';

export interface KpiJob {
  /** Tasks written since the last job (every task the first time). */
  upserts: KpiTask[];
  /** Ids of tasks gone since the last job. */
  removed: string[];
  /** The practice configuration when it changed since the last job (always the first time), with its fingerprint. */
  practice?: PracticeConfig;
  fingerprint?: string;
  /** Drop every task first: the upserts are the whole replica (the configuration changed, or a fresh read). */
  reset?: boolean;
  /** The replica's checkpoint once these changes are in (what a reload reads on from). */
  checkpoint?: ReplicaCheckpoint;
  window: { from: string; to: string; at: string };
  locationIds: string[];
  /** The read stopped at its limit: the replica holds later writes (kpi-source.ts). */
  more?: boolean;
}

/** What a reload resumes from: the checkpoint and configuration its saved digests are current to. */
export interface Resume {
  checkpoint: ReplicaCheckpoint;
  fingerprint: string;
}

/**
 * Saved this long after a change, and no more often while changes keep coming: a burst (a
 * replication) is written a few times, not once a job, and what a reload during it finds saved
 * lags by about this much.
 */
const SAVE_AFTER_MS = 2000;

/** The figures of a job, with its facts kept for the clicks that follow (the tasks behind a figure). */
export class KpiRun {
  private readonly digests = new Map<string, TaskDigest>();
  /** Tasks put ahead of their job, cut down but not yet digested (a large read arrives in several messages). */
  private readonly pending = new Map<string, KpiTask>();
  private practice: PracticeConfig | undefined;
  private fingerprint = '';
  private checkpoint: ReplicaCheckpoint | undefined;
  private facts: TaskFacts[] = [];
  private roleOf: (id: string) => string | undefined = () => undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  /** `store`: where the digests are kept across a reload (the worker's IndexedDB), under the replica's key. */
  constructor(private readonly store?: { factory: IDBFactory; key: string }) {}

  /** Loads the digests a previous run saved; the first job then brings only later changes (or resets). */
  async restore(): Promise<Resume | undefined> {
    if (!this.store) return undefined;
    const saved = await loadDigests(this.store.factory, this.store.key);
    if (!saved) return undefined;
    for (const [id, , digest] of saved.entries) this.digests.set(id, digest);
    this.fingerprint = saved.fingerprint;
    this.checkpoint = saved.checkpoint;
    return { checkpoint: saved.checkpoint, fingerprint: saved.fingerprint };
  }

  /** Takes tasks ahead of a job (a large read arrives in several messages). */
  put(tasks: readonly KpiTask[]): void {
    for (const task of tasks) this.pending.set(task.id, task);
  }

  /** Brings the tasks up to the job without computing figures (the background hand-over). */
  apply(job: KpiJob): void {
    if (job.reset) {
      this.digests.clear();
      this.facts = [];
    }
    if (job.practice) this.adopt(job.practice, job.fingerprint ?? '');
    const practice = this.practice;
    if (!practice) throw new Error('The dashboard has no practice configuration yet');
    for (const id of job.removed) {
      this.digests.delete(id);
      this.pending.delete(id);
    }
    this.put(job.upserts);
    for (const task of this.pending.values()) this.digests.set(task.id, digestOf(task, practice));
    const changed = job.reset || job.removed.length > 0 || this.pending.size > 0 || !!job.practice;
    this.pending.clear();
    if (job.checkpoint) this.checkpoint = job.checkpoint;
    if (changed) this.scheduleSave();
  }

  compute(job: KpiJob): KpiReport {
    this.apply(job);
    const options = kpiOptionsFor(this.practice!, job.window, job.locationIds);
    this.facts = allFacts(
      [...this.digests.values()].map((d) => d.task),
      options,
    );
    this.roleOf = options.roleOf ?? this.roleOf;
    return summarize(this.facts, options);
  }

  behind(figure: KpiFigure): string[] {
    return tasksBehind(this.facts, figure, this.roleOf);
  }

  /** Waits for a save under way or scheduled (tests; a closing worker). */
  async flush(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.save();
    }
    await this.saving;
  }

  /**
   * Under the same configuration (a fingerprint seen before) the digests' answers are given to the
   * new configuration object; under another, the job resets and brings every task again.
   */
  private adopt(practice: PracticeConfig, fingerprint: string): void {
    if (fingerprint !== this.fingerprint) this.digests.clear();
    else for (const digest of this.digests.values()) taskOfDigest(digest, practice);
    this.practice = practice;
    this.fingerprint = fingerprint;
  }

  private scheduleSave(): void {
    if (!this.store || this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, SAVE_AFTER_MS);
  }

  private save(): void {
    const store = this.store;
    const checkpoint = this.checkpoint;
    if (!store || !checkpoint || !this.practice) return;
    const entries = [...this.digests].map(([id, digest]): [string, string[], TaskDigest] => [id, [], digest]);
    const saved = { fingerprint: this.fingerprint, checkpoint, entries };
    // A failed save only means the next reload reads more of the replica.
    this.saving = this.saving.then(() => saveDigests(store.factory, store.key, saved)).catch(() => undefined);
  }
}
