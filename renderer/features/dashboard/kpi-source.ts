// What the dashboard computes from: the replica's tasks, which the worker reads itself from the
// replica's store (kpi-job.ts, db/task-store-reader.ts), and the replica's practice
// configuration, which a job brings along when it changed. Works offline. A reload's first job
// goes on from where the worker's saved digests stand (digest-store.ts), so it reads only what
// changed, and a fresh replica is read whole.
import { firstValueFrom, type Observable, type Subscription } from 'rxjs';
import type { PracticeConfig } from '../../../shared/config/practice';
import { taskStoreOf, type BatonDatabase } from '../../db/database';
import { practiceConfigSnapshot$, type PracticeConfigSnapshot } from '../../db/config';
import type { TaskStore } from '../../db/task-store-reader';
import type { KpiJob, Resume } from './kpi-job';

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

  /** `resume`: where the worker's saved digests stand (restored before the first job). */
  constructor(db: BatonDatabase, resume: Promise<Resume | undefined> = Promise.resolve(undefined)) {
    this.store = taskStoreOf(db);
    this.config$ = practiceConfigSnapshot$(db);
    this.following = this.config$.subscribe();
    this.queue = resume.then((r) => this.resumeFrom(r)).catch(() => undefined);
  }

  /** The next job. */
  jobFor(window: KpiJob['window'], locationIds: string[]): Promise<KpiJob> {
    const job = this.queue.then(() => this.nextJob(window, locationIds));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private resumeFrom(resume: Resume | undefined): void {
    // A machine clock set back since: writes made now carry earlier times than the checkpoint and
    // would be missed (as by RxDB's own push), so the replica is read whole.
    if (!resume || resume.checkpoint.lwt > Date.now()) return;
    this.fingerprint = resume.fingerprint;
  }

  private async nextJob(window: KpiJob['window'], locationIds: string[]): Promise<KpiJob> {
    const [{ config: practice, fingerprint }, store] = await Promise.all([firstValueFrom(this.config$), this.store]);
    // Finished tasks are kept without their history: under another configuration (other SLA
    // targets or calendars) they are judged again from the replica, read whole.
    const reset = fingerprint !== this.fingerprint;
    const sendPractice: PracticeConfig | undefined = reset || !this.practiceSent ? practice : undefined;
    this.fingerprint = fingerprint;
    this.practiceSent = true;
    return { store, practice: sendPractice, fingerprint, reset, window, locationIds };
  }

  close(): void {
    this.following.unsubscribe();
  }

  /** The next job reads every task again (after a job that may not have reached the worker). */
  reset(): void {
    this.fingerprint = '';
    this.practiceSent = false;
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
