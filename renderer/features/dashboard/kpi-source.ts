// What the dashboard computes from: the replica's tasks, cut down to the fields the figures read
// (no PHI leaves for the worker), and the replica's practice configuration. Works offline. The
// first job reads every task; later ones read only the tasks the replica wrote since (their ids
// are noted as the replica's change events pass), so reopening the dashboard reads little.
import { firstValueFrom, type Subscription } from 'rxjs';
import type { PracticeConfig } from '../../../shared/config/practice';
import { kpiProjection, type KpiTask } from '../../../shared/kpi';
import type { Task } from '../../../shared/task';
import type { BatonDatabase } from '../../db/database';
import { practiceConfig$ } from '../../db/config';
import type { KpiJob } from './kpi-job';

const PAGE = 500;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class ReplicaChanges {
  private readonly changed = new Set<string>();
  private readonly subscription: Subscription;
  private read = false;
  private configRevisions = '';
  /** Jobs are made one after another: each one's changes are those since the one before. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: BatonDatabase) {
    this.subscription = db.tasks.$.subscribe((event) => this.changed.add(event.documentId));
  }

  jobFor(window: KpiJob['window'], locationIds: string[]): Promise<KpiJob> {
    const job = this.queue.then(() => this.nextJob(window, locationIds));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async nextJob(window: KpiJob['window'], locationIds: string[]): Promise<KpiJob> {
    const ids = [...this.changed];
    this.changed.clear();
    let upserts: KpiTask[];
    const removed: string[] = [];
    if (!this.read) {
      upserts = await this.readAll();
      this.read = true;
    } else {
      upserts = [];
      // A page at a time too (during an initial replication every task changes).
      for (let i = 0; i < ids.length; i += PAGE) {
        if (i) await pause();
        const page = ids.slice(i, i + PAGE);
        const found = await this.db.tasks.findByIds(page).exec();
        for (const id of page) {
          const doc = found.get(id);
          if (doc) upserts.push(kpiProjection(doc.toJSON() as Task));
          else removed.push(id);
        }
      }
    }
    // The configuration goes to the worker only when it changed (its caches are kept per configuration object).
    const [practice, configDocs] = await Promise.all([firstValueFrom(practiceConfig$(this.db)), this.db.config.find().exec()]);
    const revisions = configDocs.map((d) => `${d.primary}@${d.revision}`).sort().join(',');
    const changedPractice: PracticeConfig | undefined = revisions === this.configRevisions ? undefined : practice;
    this.configRevisions = revisions;
    return { upserts, removed, practice: changedPractice, window, locationIds };
  }

  /** Every task, cut down a page at a time with a pause between, so the board's thread is never held long. */
  private async readAll(): Promise<KpiTask[]> {
    const docs = await this.db.tasks.find().exec();
    const tasks: KpiTask[] = [];
    for (let i = 0; i < docs.length; i += PAGE) {
      if (i) await pause();
      for (const doc of docs.slice(i, i + PAGE)) tasks.push(kpiProjection(doc.toJSON() as Task));
    }
    return tasks;
  }

  /** The next job reads every task again (after a job that may not have reached the worker). */
  reset(): void {
    this.read = false;
    this.configRevisions = '';
  }

  close(): void {
    this.subscription.unsubscribe();
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
