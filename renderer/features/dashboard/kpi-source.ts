// What the dashboard computes from: the replica's tasks, and the replica's practice configuration,
// which a job brings along when it changed. Works offline. The first job has the worker read the
// tasks itself from the replica's store (kpi-job.ts, db/task-store-reader.ts), from where its
// saved digests stand (digest-store.ts), or whole on a fresh replica. From then on the replica's
// writes are followed as they land and each job carries those since the one before, already
// plain: a replication's documents are not read back and decrypted a second time.
import { firstValueFrom, type Observable, type Subscription } from 'rxjs';
import type { PracticeConfig } from '../../../shared/config/practice';
import { taskStoreOf, type BatonDatabase } from '../../db/database';
import { practiceConfigSnapshot$, type PracticeConfigSnapshot } from '../../db/config';
import type { TaskStore } from '../../db/task-store-reader';
import { newId } from '../../../shared/ids';
import type { Task } from '../../../shared/task';
import { revisionHeight, type HandedWrite, type KpiJob, type Resume } from './kpi-job';

/**
 * Writes held for the next job at most: past it (no job came for a long while) they are let go
 * and the next job reads the store instead. One bulk of the replica's must fit: the pull's pace
 * keeps a replication's near 5,000 (renderer/sync/pull-pace.ts), and before it they grew to
 * 32,000 tasks in a 50,000-task first sign-in.
 */
const HANDED_MAX = 100_000;

/** A write among the replica's events: the task as written, with RxDB's metadata. */
interface StoredWrite {
  documentId: string;
  documentData: Task & { _meta: { lwt: number }; _rev: string; _deleted: boolean };
}

/** The key a replica's saved digests are kept under: its name and its storage's identity (a removed and remade replica has another). */
export async function replicaKey(db: BatonDatabase): Promise<string> {
  return `${db.name}|${await db.storageToken}`;
}

export class ReplicaChanges {
  /** The configuration the worker's tasks were digested under ('' = none yet: the next job resets). */
  private fingerprint = '';
  private practiceSent = false;
  private readonly store: Promise<TaskStore>;
  /**
   * The configuration, kept live while the reader lives: a job is then made without a query on
   * the board's thread (busy with a replication's own reads right after a sign-in).
   */
  private readonly config$: Observable<PracticeConfigSnapshot>;
  private readonly following: Subscription;
  /** Jobs are made one after another: each one's configuration is judged against the one before. */
  private queue: Promise<unknown>;
  private readonly writes: Subscription;
  /** The replica's writes since the last job was made, when `handing`. */
  private handed: HandedWrite[] = [];
  /** Every write since the last job is in `handed` (not before the first job, or after an overflow or a reset). */
  private handing = false;
  /** These jobs, among any other's a worker may see, and how many were made. */
  private readonly stream = newId();
  private made = 0;

  /** `resume`: where the worker's saved digests stand (restored before the first job). */
  constructor(db: BatonDatabase, resume: Promise<Resume | undefined> = Promise.resolve(undefined)) {
    this.store = taskStoreOf(db);
    this.config$ = practiceConfigSnapshot$(db);
    this.following = this.config$.subscribe();
    this.writes = db.tasks.eventBulks$.subscribe((bulk) => {
      if (!this.handing) return;
      // RxDB types a collection's event bulks loosely: each event is a task as stored, with its metadata.
      const key = (bulk.checkpoint as { logKey?: unknown } | undefined)?.logKey;
      for (const event of bulk.events as StoredWrite[]) {
        const doc = event.documentData;
        this.handed.push({
          id: event.documentId,
          lwt: doc._meta.lwt,
          rev: revisionHeight(doc._rev),
          task: doc._deleted ? null : doc,
          ...(typeof key === 'number' ? { key } : {}),
        });
      }
      if (this.handed.length > HANDED_MAX) this.stopHanding();
    });
    this.queue = resume.then((r) => this.resumeFrom(r)).catch(() => undefined);
  }

  /**
   * The next job, carrying at most `handAtMost` of the writes since the one before (the rest wait
   * for the next: one message of 30,000 tasks would hold the board's thread while it is copied).
   * Its jobs must reach the worker in the order they were made (their `order` says it).
   */
  jobFor(window: KpiJob['window'], locationIds: string[], handAtMost = Infinity): Promise<KpiJob> {
    const job = this.queue.then(() => this.nextJob(window, locationIds, handAtMost));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private resumeFrom(resume: Resume | undefined): void {
    // A machine clock set back since: writes made now carry earlier times than the checkpoint and
    // would be missed (as by RxDB's own push), so the replica is read whole.
    if (!resume || resume.checkpoint.lwt > Date.now()) return;
    this.fingerprint = resume.fingerprint;
  }

  /** Writes wait for a job (more than the last job could carry, or since it). */
  get pending(): boolean {
    return this.handed.length > 0;
  }

  private async nextJob(window: KpiJob['window'], locationIds: string[], handAtMost: number): Promise<KpiJob> {
    const [{ config: practice, fingerprint }, store] = await Promise.all([firstValueFrom(this.config$), this.store]);
    // Finished tasks are kept without their history: under another configuration (other SLA
    // targets or calendars) they are judged again from the replica, read whole.
    const reset = fingerprint !== this.fingerprint;
    const sendPractice: PracticeConfig | undefined = reset || !this.practiceSent ? practice : undefined;
    this.fingerprint = fingerprint;
    this.practiceSent = true;
    // A job that reads the store reads what landed so far: what lands from now on, the next job carries.
    let handed: HandedWrite[] | undefined;
    if (this.handing && !reset) {
      handed = this.handed.length > handAtMost ? this.handed.slice(0, handAtMost) : this.handed;
      this.handed = this.handed.slice(handed.length);
    } else this.handed = [];
    this.handing = true;
    const order = { stream: this.stream, n: this.made++ };
    return { store, practice: sendPractice, fingerprint, reset, window, locationIds, handed, order };
  }

  close(): void {
    this.following.unsubscribe();
    this.writes.unsubscribe();
  }

  /** The next job reads every task again (after a job that may not have reached the worker). */
  reset(): void {
    this.fingerprint = '';
    this.practiceSent = false;
    this.stopHanding();
  }

  private stopHanding(): void {
    this.handed = [];
    this.handing = false;
  }
}

/** One job over every task of the replica (a fresh reader). */
export async function kpiJobOf(db: BatonDatabase, window: KpiJob['window'], locationIds: string[]): Promise<KpiJob> {
  const changes = new ReplicaChanges(db);
  try {
    return await changes.jobFor(window, locationIds);
  } finally {
    changes.close();
  }
}
