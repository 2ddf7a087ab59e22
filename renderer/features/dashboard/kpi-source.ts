// What the dashboard computes from: the replica's tasks, cut down to the fields the figures read
// (no PHI leaves for the worker), and the replica's practice configuration. Works offline. Each
// job reads the documents the replica wrote since the one before, by the replica storage's own
// change feed (RxDB's checkpoint: last write time and id, what its replication pushes by), a page
// at a time; the first job of a run reads on from where the worker's saved digests stand
// (digest-store.ts), so a reload reads only what changed, and a fresh replica is read whole.
import { firstValueFrom } from 'rxjs';
import { getChangedDocumentsSince } from 'rxdb';
import type { PracticeConfig } from '../../../shared/config/practice';
import { kpiProjection, type KpiTask } from '../../../shared/kpi';
import type { Task } from '../../../shared/task';
import type { BatonDatabase } from '../../db/database';
import { practiceConfig$ } from '../../db/config';
import type { ReplicaCheckpoint } from './digest-store';
import type { KpiJob, Resume } from './kpi-job';

const PAGE = 500;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The key a replica's saved digests are kept under: its name and its storage's identity (a removed and remade replica has another). */
export async function replicaKey(db: BatonDatabase): Promise<string> {
  return `${db.name}|${await db.storageToken}`;
}

export class ReplicaChanges {
  private checkpoint: ReplicaCheckpoint | undefined;
  /** The configuration the worker's tasks were digested under ('' = none yet). */
  private fingerprint = '';
  private practiceSent = false;
  /** Jobs are made one after another: each one's changes are those since the one before. */
  private queue: Promise<unknown>;

  /** `resume`: where the worker's saved digests stand (restored before the first job). */
  constructor(
    private readonly db: BatonDatabase,
    resume: Promise<Resume | undefined> = Promise.resolve(undefined),
  ) {
    this.queue = resume.then((r) => this.resumeFrom(r)).catch(() => undefined);
  }

  /**
   * The changes since the last job. `limit`: read at most about this many documents (the
   * background hand-over, which then asks again while `more`): during a first replication the
   * replica grows as fast as it is read, and a read to its end would hand nothing over, and save
   * nothing, until the replication ends.
   */
  jobFor(window: KpiJob['window'], locationIds: string[], limit = Infinity): Promise<KpiJob> {
    const job = this.queue.then(() => this.nextJob(window, locationIds, limit));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private resumeFrom(resume: Resume | undefined): void {
    // A machine clock set back since: writes made now carry earlier times than the checkpoint and
    // would be missed (as by RxDB's own push), so the replica is read whole.
    if (!resume || resume.checkpoint.lwt > Date.now()) return;
    this.checkpoint = resume.checkpoint;
    this.fingerprint = resume.fingerprint;
  }

  private async nextJob(window: KpiJob['window'], locationIds: string[], limit: number): Promise<KpiJob> {
    const [practice, configDocs] = await Promise.all([firstValueFrom(practiceConfig$(this.db)), this.db.config.find().exec()]);
    const fingerprint = configDocs
      .map((d) => `${d.primary}@${d.revision}`)
      .sort()
      .join(',');
    // Finished tasks are kept without their history: under another configuration (other SLA
    // targets or calendars) they are judged again from the replica, read whole.
    const reset = fingerprint !== this.fingerprint;
    if (reset) this.checkpoint = undefined;
    const sendPractice: PracticeConfig | undefined = reset || !this.practiceSent ? practice : undefined;
    const upserts: KpiTask[] = [];
    const removed: string[] = [];
    let more = false;
    // A page at a time with a pause between, so the board's thread is never held long.
    for (let first = true; ; first = false) {
      if (!first) await pause();
      const { documents, checkpoint } = await getChangedDocumentsSince<Task, ReplicaCheckpoint>(
        this.db.tasks.storageInstance,
        PAGE,
        this.checkpoint,
      );
      for (const doc of documents) {
        if (doc._deleted) removed.push(doc.id);
        else upserts.push(kpiProjection(doc));
      }
      if (checkpoint) this.checkpoint = checkpoint;
      if (documents.length < PAGE) break;
      if (upserts.length + removed.length >= limit) {
        more = true;
        break;
      }
    }
    this.fingerprint = fingerprint;
    this.practiceSent = true;
    return { upserts, removed, practice: sendPractice, fingerprint, reset, checkpoint: this.checkpoint, window, locationIds, more };
  }

  /** The next job reads every task again (after a job that may not have reached the worker). */
  reset(): void {
    this.checkpoint = undefined;
    this.fingerprint = '';
    this.practiceSent = false;
  }
}

/** One job over every task of the replica (a fresh reader). */
export async function kpiJobOf(db: BatonDatabase, window: KpiJob['window'], locationIds: string[]): Promise<KpiJob> {
  return new ReplicaChanges(db).jobFor(window, locationIds);
}
