import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../shared/config/demo';
import { buildPracticeConfig } from '../../shared/config/practice';
import { newId } from '../../shared/ids';
import type { Task } from '../../shared/task';
import { openBatonDatabase, type BatonDatabase } from '../db/database';
import { followUpId } from './workflow';
import { createIntakeTask, takeAction } from './workflow-write';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const frontDesk = { id: 'u-frontdesk', displayName: 'Maria Lopez', roles: ['front_desk' as const], locationIds: ['loc-main'] };
const referrals = { id: 'u-referrals', displayName: 'Priya Shah', roles: ['referrals' as const], locationIds: ['loc-main'] };
const clinician = { id: 'u-clinician', displayName: 'Dr. Alex Chen', roles: ['clinician' as const], locationIds: ['loc-main'] };
let db: BatonDatabase;

beforeEach(async () => {
  db = await openBatonDatabase({ userId: `wf-${newId()}`, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
});
afterEach(() => db.close());

const draft = {
  title: 'Referral to cardiology',
  typeId: 'outbound_referral',
  queue: 'referrals',
  locationId: 'loc-main',
  priority: 'normal' as const,
  dueAt: '2030-01-01T15:00:00.000Z',
  channel: 'phone' as const,
  patientRef: 'MRN 1 A.B.',
  providerId: 'u-clinician',
  checklist: [{ id: 'c1', label: 'Referral order signed', done: false }],
};
const get = async (id: string) => (await db.tasks.findOne(id).exec())!.toJSON() as Task;

describe('workflow writes', () => {
  it('refuses an intake missing a required field and writes nothing', async () => {
    const { violation } = await createIntakeTask(db, { ...draft, providerId: '' }, frontDesk, config);
    expect(violation).toMatchObject({ field: 'providerId', message: 'Provider is required for Outbound referral' });
    expect(await db.tasks.count().exec()).toBe(0);
  });

  it('takes a task from triage to closed, refusing what the rules forbid, and creates its follow-up once', async () => {
    const { task } = await createIntakeTask(db, draft, frontDesk, config);
    const id = task!.id;
    expect(task!.status).toBe('new');
    // Filed by the front desk into the referrals queue: the front desk no longer reads it; referrals triage it.
    expect(
      (
        await takeAction(db, id, 'accept', { actorId: frontDesk.id, ownerId: 'u-referrals', category: 'referral' }, frontDesk, config, {
          queue: 'referrals',
        })
      ).violation,
    ).toMatchObject({ code: 'forbidden' });
    expect(
      (
        await takeAction(db, id, 'accept', { actorId: referrals.id, ownerId: 'u-referrals', category: 'referral' }, referrals, config, {
          queue: 'referrals',
        })
      ).violation,
    ).toBeUndefined();
    expect(await get(id)).toMatchObject({ status: 'ready', ownerId: 'u-referrals', category: 'referral', pendingSync: true });
    await takeAction(db, id, 'start', { actorId: referrals.id }, referrals, config);
    const early = await takeAction(db, id, 'send_to_review', { actorId: referrals.id }, referrals, config);
    expect(early.violation).toMatchObject({ field: 'checklist' });
    expect((await get(id)).status).toBe('in_progress');
    const doc = await db.tasks.findOne(id).exec();
    await doc!.incrementalPatch({ checklist: [{ id: 'c1', label: 'Referral order signed', done: true }] });
    await takeAction(db, id, 'send_to_review', { actorId: referrals.id }, referrals, config);
    expect((await takeAction(db, id, 'approve', { actorId: referrals.id }, referrals, config)).violation?.code).toBe('forbidden');
    expect((await takeAction(db, id, 'reject', { actorId: clinician.id, reasonCode: '' }, clinician, config)).violation?.field).toBe(
      'reasonCode',
    );
    await takeAction(db, id, 'approve', { actorId: clinician.id, outcome: 'approved' }, clinician, config);
    expect(await get(id)).toMatchObject({ status: 'approved', outcome: 'approved', reviewerId: 'u-clinician' });
    const closed = await takeAction(db, id, 'close', { actorId: referrals.id, outcome: 'approved' }, referrals, config);
    expect(closed.followUps.map((t) => t.id)).toEqual([followUpId(id, 0)]);
    expect(await get(followUpId(id, 0))).toMatchObject({
      status: 'new',
      ownerId: 'u-referrals',
      followUpOf: id,
      typeId: 'records_request',
    });
    // Reopened and closed again: still one follow-up.
    await takeAction(db, id, 'reopen', { actorId: referrals.id, reasonCode: 'patient_called_back' }, referrals, config);
    expect(await db.tasks.count().exec()).toBe(2);
  });
});
