// The policy's pure functions on the demo configuration: reads are least privilege, the union of
// roles counts, and the field rules hold for the cases the README names.
import { describe, expect, it } from 'vitest';
import { reviewBucket } from '../buckets';
import { demoConfigDocs } from '../config/demo';
import { buildPracticeConfig } from '../config/practice';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task } from '../task';
import { allowedActions, checkTaskPermission, mayEditField, readableBuckets, taskAccess, type PolicyUser } from './index';

// Two configured locations (a task may only move to a location the practice has).
const config = buildPracticeConfig([
  ...demoConfigDocs('loc-a', (u) => `u-${u}`),
  ...demoConfigDocs('loc-b', (u) => `u-${u}`).filter((d) => d.kind === 'location'),
]);
const user = (id: string, ...roles: PolicyUser['roles'][number][]): PolicyUser => ({ id, roles, locationIds: ['loc-a'] });
const task = (overrides: Partial<Task> = {}): Task => ({
  id: 't1',
  title: 'T',
  status: 'in_progress',
  typeId: 'claim_status_check',
  queue: 'billing',
  locationId: 'loc-a',
  priority: 'normal',
  ownerId: 'u-billing',
  dueAt: '2030-01-01T00:00:00.000Z',
  channel: 'phone',
  patientRef: 'MRN 1 A.B.',
  description: '',
  ...EMPTY_WORKFLOW_FIELDS,
  category: 'billing',
  notes: [],
  createdAt: '2030-01-01T00:00:00.000Z',
  createdBy: 'u-frontdesk',
  updatedAt: '2030-01-01T00:00:00.000Z',
  pendingSync: false,
  ...EMPTY_SERVER_FIELDS,
  ...overrides,
});

describe('policy', () => {
  it('reads least privilege: own queues, own review bucket, own tasks; the admin no task', () => {
    const frontDesk = readableBuckets(user('u-fd', 'front_desk'), config.queues.keys());
    expect(frontDesk.filter((b) => b.includes(':queue:'))).toEqual(['loc:loc-a:queue:front_desk']);
    expect(readableBuckets(user('u-c', 'clinician'), config.queues.keys())).toContain(reviewBucket('loc-a', 'clinician'));
    expect(readableBuckets(user('u-m', 'manager'), config.queues.keys()).filter((b) => b.includes(':queue:'))).toHaveLength(
      config.queues.size,
    );
    expect(readableBuckets(user('u-admin', 'admin'), config.queues.keys()).filter((b) => b.startsWith('loc:'))).toEqual([]);
    expect(taskAccess(user('u-fd', 'front_desk'), task(), config)).toBe('none');
    expect(taskAccess(user('u-fd', 'front_desk'), task({ ownerId: 'u-fd' }), config)).toBe('work');
  });

  it('takes the union of a user’s roles', () => {
    const both = user('u-x', 'front_desk', 'billing');
    expect(taskAccess(both, task(), config)).toBe('work');
    expect(checkTaskPermission(both, task(), task({ priority: 'high' }), config)).toBeUndefined();
    expect(checkTaskPermission(user('u-x', 'front_desk'), task(), task({ priority: 'high' }), config)).toMatchObject({ code: 'forbidden' });
  });

  it('a clinician sees a task awaiting their review only until the review is finished, and may only review it', () => {
    const clinician = user('u-c', 'clinician');
    const awaiting = task({ typeId: 'coding_clarification', status: 'needs_review' });
    expect(taskAccess(clinician, awaiting, config)).toBe('review');
    expect(taskAccess(clinician, { ...awaiting, status: 'approved' }, config)).toBe('none');
    expect(
      allowedActions(clinician, awaiting, config)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['approve', 'pick_up_review', 'reject', 'request_info']);
    expect(checkTaskPermission(clinician, awaiting, { ...awaiting, title: 'Changed' }, config)).toMatchObject({ code: 'forbidden' });
    expect(checkTaskPermission(clinician, awaiting, { ...awaiting, status: 'in_review', reviewerId: 'u-c' }, config)).toBeUndefined();
    expect(checkTaskPermission(clinician, awaiting, { ...awaiting, status: 'in_review', reviewerId: 'u-other' }, config)).toMatchObject({
      field: 'reviewerId',
    });
    // A send-back carries its note; the note alone is not the reviewer's to edit.
    const sentBack = {
      ...awaiting,
      status: 'needs_info' as const,
      reviewerId: 'u-c',
      reasonCode: 'need_clinical_notes',
      reasonNote: 'Attach the visit note',
    };
    expect(checkTaskPermission(clinician, awaiting, sentBack, config)).toBeUndefined();
    expect(checkTaskPermission(clinician, awaiting, { ...awaiting, reasonNote: 'Just a note' }, config)).toMatchObject({
      code: 'forbidden',
    });
  });

  it('a review of a task naming a provider is theirs or their coverer’s; other clinicians are refused, managers may decide', () => {
    const covered = structuredClone(config);
    covered.staff.set('u-webb', {
      userId: 'u-webb',
      displayName: 'Dr. Webb',
      role: 'clinician',
      locationIds: ['loc-a'],
      queues: [],
      out: false,
    });
    const awaiting = task({ typeId: 'coding_clarification', status: 'needs_review', providerId: 'u-clinician' });
    const approve = (who: PolicyUser, now: number) =>
      checkTaskPermission(who, awaiting, { ...awaiting, status: 'approved', reviewerId: who.id, outcome: '' }, covered, false, { now });
    const monday = Date.parse('2026-11-23T15:00:00Z');
    const webb = user('u-webb', 'clinician');
    expect(approve(user('u-clinician', 'clinician'), monday)).toBeUndefined();
    expect(approve(webb, monday)).toMatchObject({ code: 'forbidden', field: 'status', message: expect.stringContaining('Dr. Alex Chen') });
    expect(allowedActions(webb, awaiting, covered, monday)).toEqual([]);
    expect(approve(user('u-m', 'manager'), monday)).toBeUndefined();
    // Dr. Chen out on Monday 2026-11-23 (New York), covered by Dr. Webb.
    covered.staff.set('u-clinician', {
      ...covered.staff.get('u-clinician')!,
      outFrom: '2026-11-23',
      outTo: '2026-11-23',
      coveredBy: 'u-webb',
    });
    expect(approve(webb, monday)).toBeUndefined();
    expect(
      allowedActions(webb, awaiting, covered, monday)
        .map((a) => a.id)
        .sort(),
    ).toEqual(['approve', 'pick_up_review', 'reject', 'request_info']);
    expect(approve(webb, Date.parse('2026-11-24T15:00:00Z'))).toMatchObject({ code: 'forbidden' });
    // No provider: any clinician, as before.
    const anyone = { ...awaiting, providerId: '' };
    expect(
      checkTaskPermission(webb, anyone, { ...anyone, status: 'in_review', reviewerId: 'u-webb' }, covered, false, { now: monday }),
    ).toBeUndefined();
  });

  it('only triage roles route; anyone working a task may take it; only managers move locations or delete', () => {
    const billing = user('u-billing', 'billing');
    const clinician = user('u-clinician', 'clinician');
    const mine = task({ queue: 'clinician', typeId: 'clinical_review_sign_off', ownerId: '' });
    expect(checkTaskPermission(billing, task(), task({ queue: 'front_desk' }), config)).toBeUndefined();
    expect(checkTaskPermission(clinician, mine, { ...mine, queue: 'billing' }, config)).toMatchObject({ field: 'queue' });
    expect(checkTaskPermission(clinician, mine, { ...mine, ownerId: 'u-clinician' }, config)).toBeUndefined();
    expect(checkTaskPermission(clinician, mine, { ...mine, ownerId: 'u-billing' }, config)).toMatchObject({ field: 'ownerId' });
    expect(mayEditField(clinician, mine, 'ownerId', config)).toBe(false);
    expect(mayEditField(billing, task(), 'queue', config)).toBe(true);
    expect(checkTaskPermission(billing, task(), task(), config, true)).toMatchObject({ code: 'forbidden' });
    expect(checkTaskPermission(user('u-m', 'manager'), task(), task(), config, true)).toBeUndefined();
    const twoSites: PolicyUser = { id: 'u-m', roles: ['manager'], locationIds: ['loc-a', 'loc-b'] };
    expect(checkTaskPermission(twoSites, task(), task({ locationId: 'loc-b' }), config)).toBeUndefined();
    expect(checkTaskPermission(billing, task(), task({ locationId: 'loc-b' }), config)).toMatchObject({ field: 'locationId' });
  });

  it('the admin files nothing and changes no task', () => {
    const admin = user('u-admin', 'admin');
    expect(checkTaskPermission(admin, undefined, task({ status: 'new' }), config)).toMatchObject({ code: 'forbidden' });
    expect(checkTaskPermission(admin, task(), task({ priority: 'high' }), config)).toMatchObject({ code: 'forbidden' });
  });
});
