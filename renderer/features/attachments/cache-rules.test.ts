import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../shared/attachments/attachment';
import { demoConfigDocs } from '../../../shared/config/demo';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { filedTask } from '../../../shared/kpi/test-tasks';
import type { Task } from '../../../shared/task';
import type { CachedDocument } from '../../db/attachment-cache';
import { documentsToForget, inOwnWork } from './cache-rules';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const frontDesk = { id: 'u-frontdesk', roles: ['front_desk' as const], locationIds: ['loc-main'] };
const clinician = { id: 'u-clinician', roles: ['clinician' as const], locationIds: ['loc-main'] };
const AT = Date.parse('2026-11-03T10:00:00.000Z');

const ref = (id: string): AttachmentRef => ({
  id,
  name: `${id}.pdf`,
  contentType: 'application/pdf',
  size: 1000,
  addedAt: '2026-11-01T10:00:00.000Z',
  addedBy: 'u-frontdesk',
});

/** A referral in progress, owned by the front desk, holding one document (the KPI tests' filed task, moved on). */
const task = (id: string, over: Partial<Task> = {}): Task =>
  filedTask(id, Date.parse('2026-11-01T10:00:00.000Z'), {
    status: 'in_progress',
    typeId: 'outbound_referral',
    queue: 'referrals',
    ownerId: 'u-frontdesk',
    dueAt: '2026-11-30T12:00:00.000Z',
    patientRef: 'MRN 1 A.B.',
    category: 'referral',
    providerId: 'u-clinician',
    attachments: [ref(`att-${id}`)],
    statusSince: '2026-11-02T10:00:00.000Z',
    ...over,
  });

const kept = (taskId: string, attachmentId = `att-${taskId}`): CachedDocument => ({
  attachmentId,
  taskId,
  contentType: 'application/pdf',
  size: 1000,
  cachedAt: '2026-11-02T10:00:00.000Z',
});

describe('which documents a workstation keeps for offline use', () => {
  it('keeps those of tasks the person owns, or that wait for their sign-off; not their team’s others', () => {
    expect(inOwnWork(task('t-mine'), frontDesk, config, AT)).toBe(true);
    expect(inOwnWork(task('t-team', { ownerId: 'u-referrals' }), frontDesk, config, AT)).toBe(false);
    const awaiting = task('t-review', { ownerId: 'u-referrals', status: 'needs_review' });
    expect(inOwnWork(awaiting, clinician, config, AT)).toBe(true);
    // Waiting for another provider's sign-off: not this clinician's work.
    expect(inOwnWork({ ...awaiting, providerId: 'u-someone-else' }, clinician, config, AT)).toBe(false);
  });

  it('forgets documents whose task left the person’s work, the workstation, or no longer lists them', () => {
    const tasks = new Map(
      [
        task('t-mine'),
        task('t-handed-on', { ownerId: 'u-referrals' }),
        task('t-detached', { attachments: [] }),
        task('t-review', { ownerId: 'u-referrals', status: 'needs_review' }),
        task('t-signed-off', { ownerId: 'u-referrals', status: 'approved' }),
      ].map((t) => [t.id, t]),
    );
    const forFrontDesk = [kept('t-mine'), kept('t-handed-on'), kept('t-detached'), kept('t-gone')];
    expect(documentsToForget(forFrontDesk, tasks, frontDesk, config, AT)).toEqual(['att-t-handed-on', 'att-t-detached', 'att-t-gone']);
    expect(documentsToForget([kept('t-review'), kept('t-signed-off')], tasks, clinician, config, AT)).toEqual(['att-t-signed-off']);
  });
});
