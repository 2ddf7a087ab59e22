// What the dashboard computes from: the replica's tasks, cut down to the fields the figures read
// (no PHI leaves for the worker), and the replica's practice configuration. Works offline.
import { firstValueFrom } from 'rxjs';
import { kpiProjection, type KpiTask } from '../../shared/kpi';
import type { Task } from '../../shared/task';
import type { BatonDatabase } from '../db/database';
import { practiceConfig$ } from '../data/config';
import type { KpiJob } from './kpi-job';

export async function replicaTasks(db: BatonDatabase): Promise<KpiTask[]> {
  const docs = await db.tasks.find().exec();
  return docs.map((doc) => kpiProjection(doc.toJSON() as Task));
}

export async function kpiJobOf(db: BatonDatabase, window: KpiJob['window'], locationIds: string[]): Promise<KpiJob> {
  const [tasks, practice] = await Promise.all([replicaTasks(db), firstValueFrom(practiceConfig$(db))]);
  return { tasks, practice, window, locationIds };
}
