// Puts tasks into review through the sync API, the way staff would: filed as new, started,
// sent to review; and clears whatever else waits for review so a test owns the queue.
import { newId } from '../../../shared/ids';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Priority, type Task } from '../../../shared/task';
import type { Api } from '../../support/api';

type Doc = Task & { _deleted: boolean };

export async function serverTasks(api: Api): Promise<Map<string, Doc>> {
  const { documents } = await api.pullAll('tasks', 500);
  return new Map((documents as Doc[]).map((d) => [d.id, d]));
}

/** Pushes next states with the server's current state as the assumed one (a plain, non-conflicting write). */
async function pushOver(api: Api, rows: { current?: Doc; next: Doc }[]): Promise<void> {
  const { status, body } = await api.post(
    '/api/sync/tasks/push',
    rows.map(({ current, next }) => ({ ...(current ? { assumedMasterState: current } : {}), newDocumentState: next })),
  );
  if (status !== 200) throw new Error(`push failed: ${status}`);
  if (Array.isArray(body) && body.length) throw new Error(`push not applied as sent for ${body.length} row(s)`);
}

async function advance(api: Api, ids: string[], change: (doc: Doc) => Partial<Task>): Promise<void> {
  const all = await serverTasks(api);
  await pushOver(
    api,
    ids.map((id) => {
      const current = all.get(id)!;
      return { current, next: { ...current, ...change(current), pendingSync: true, updatedAt: new Date().toISOString() } };
    }),
  );
}

export interface ReviewSeed {
  title: string;
  priority: Priority;
}

/** Files outbound referrals as `worker` (referrals), starts them and sends them to review. */
export async function seedForReview(worker: Api, seeds: ReviewSeed[], clinicianId = 'u-clinician'): Promise<string[]> {
  const now = new Date().toISOString();
  const docs: Doc[] = seeds.map((seed, i) => ({
    id: newId(),
    title: seed.title,
    status: 'new',
    typeId: 'outbound_referral',
    queue: 'referrals',
    locationId: 'loc-main',
    priority: seed.priority,
    ownerId: worker.userId,
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    channel: 'fax',
    patientRef: `MRN ${300100 + i} E.E.`,
    description: `Referral to cardiology for ${seed.title.toLowerCase()}.`,
    ...EMPTY_WORKFLOW_FIELDS,
    category: 'referral',
    providerId: clinicianId,
    checklist: [
      { id: 'c1', label: 'Referral order signed', done: true },
      { id: 'c2', label: 'Records sent', done: true },
    ],
    notes: [],
    createdAt: now,
    createdBy: worker.userId,
    updatedAt: now,
    pendingSync: true,
    ...EMPTY_SERVER_FIELDS,
    _deleted: false,
  }));
  await pushOver(
    worker,
    docs.map((next) => ({ next })),
  );
  const ids = docs.map((d) => d.id);
  await advance(worker, ids, () => ({ status: 'in_progress' }));
  await advance(worker, ids, () => ({ status: 'needs_review' }));
  const after = await serverTasks(worker);
  const stuck = ids.filter((id) => after.get(id)?.status !== 'needs_review');
  if (stuck.length) throw new Error(`${stuck.length} seeded task(s) did not reach review`);
  return ids;
}

/** Approves everything waiting for review (as a manager), so the queue holds only the test's items. */
export async function clearReviewQueue(manager: Api): Promise<void> {
  const all = await serverTasks(manager);
  const waiting = [...all.values()].filter((d) => !d._deleted && (d.status === 'needs_review' || d.status === 'in_review'));
  if (!waiting.length) return;
  await pushOver(
    manager,
    waiting.map((current) => ({
      current,
      next: { ...current, status: 'approved', reviewerId: manager.userId, outcome: 'approved', reasonCode: '', pendingSync: true },
    })),
  );
}
