import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type HistoryEntry, type Task } from '../../../shared/task';
import { approvalQueue, decide, givesSignOffs, formatWaited, reasonChoices, supersededDecisions, withSkippedLast } from './approval';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const clinician = { id: 'u-clinician', roles: ['clinician' as const] };

function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    title: `Task ${id}`,
    status: 'needs_review',
    typeId: 'outbound_referral',
    queue: 'referrals',
    locationId: 'loc-main',
    priority: 'normal',
    ownerId: 'u-referrals',
    dueAt: '2026-11-30T12:00:00.000Z',
    channel: 'phone',
    patientRef: 'MRN 1 A.B.',
    description: '',
    ...EMPTY_WORKFLOW_FIELDS,
    category: 'referral',
    providerId: 'u-clinician',
    notes: [],
    createdAt: '2026-11-01T10:00:00.000Z',
    createdBy: 'u-frontdesk',
    updatedAt: '2026-11-01T10:00:00.000Z',
    pendingSync: false,
    ...EMPTY_SERVER_FIELDS,
    statusSince: '2026-11-02T10:00:00.000Z',
    ...over,
  };
}

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  rev: 1,
  at: '2026-11-02T10:00:00.000Z',
  actorId: '',
  actorName: '',
  workstationId: '',
  kind: 'updated',
  changes: [],
  ...over,
});

describe('approvalQueue', () => {
  it('keeps only tasks awaiting a review the role may give, most urgent then longest waiting first', () => {
    const tasks = [
      task('old-normal', { statusSince: '2026-11-01T08:00:00.000Z' }),
      task('new-normal', { statusSince: '2026-11-03T08:00:00.000Z' }),
      task('new-urgent', { priority: 'urgent', statusSince: '2026-11-04T08:00:00.000Z' }),
      task('low', { priority: 'low', statusSince: '2026-10-01T08:00:00.000Z' }),
      task('in-review', { status: 'in_review', priority: 'high' }),
      task('no-stamp', { statusSince: '', createdAt: '2026-10-30T08:00:00.000Z' }),
      task('approved', { status: 'approved' }),
      task('no-review-type', { typeId: 'general' }),
    ];
    expect(approvalQueue(tasks, clinician, config).map((t) => t.id)).toEqual([
      'new-urgent',
      'in-review',
      'no-stamp',
      'old-normal',
      'new-normal',
      'low',
    ]);
    // Managers review every type, even one whose configuration no longer asks for review.
    expect(approvalQueue(tasks, { id: 'u-manager', roles: ['manager'] }, config)).toHaveLength(7);
    expect(approvalQueue(tasks, { id: 'u-frontdesk', roles: ['front_desk'] }, config)).toEqual([]);
  });

  it('a task naming a provider waits for that provider, or their coverer while they are out; one without a provider for any clinician', () => {
    const covered = structuredClone(config);
    covered.staff.set('u-webb', {
      userId: 'u-webb',
      displayName: 'Dr. Webb',
      role: 'clinician',
      locationIds: ['loc-main'],
      queues: [],
      out: false,
    });
    covered.staff.set('u-clinician', {
      ...covered.staff.get('u-clinician')!,
      outFrom: '2026-11-02',
      outTo: '2026-11-03',
      coveredBy: 'u-webb',
    });
    const tasks = [task('chen'), task('webb', { providerId: 'u-webb' }), task('nobody', { providerId: '' })];
    const webb = { id: 'u-webb', roles: ['clinician' as const] };
    const ids = (user: typeof webb, at: string) =>
      approvalQueue(tasks, user, covered, Date.parse(at))
        .map((t) => t.id)
        .sort();
    // Sunday Nov 1 in New York: Dr. Chen is in.
    expect(ids(clinician, '2026-11-01T15:00:00Z')).toEqual(['chen', 'nobody']);
    expect(ids(webb, '2026-11-01T15:00:00Z')).toEqual(['nobody', 'webb']);
    // Monday and Tuesday Dr. Chen is out and Dr. Webb covers: Chen's review is in both queues
    // (Chen may still sign their own), Webb's only in Webb's.
    expect(ids(webb, '2026-11-02T15:00:00Z')).toEqual(['chen', 'nobody', 'webb']);
    expect(ids(clinician, '2026-11-03T15:00:00Z')).toEqual(['chen', 'nobody']);
    expect(ids(webb, '2026-11-04T15:00:00Z')).toEqual(['nobody', 'webb']);
  });

  it('puts skipped tasks last, in the order skipped', () => {
    const queue = [task('a'), task('b'), task('c'), task('d')];
    expect(withSkippedLast(queue, ['b', 'a']).map((t) => t.id)).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('givesSignOffs', () => {
  it('is true for the roles a task type names as its reviewer, and managers', () => {
    expect(givesSignOffs(['clinician'], config)).toBe(true);
    expect(givesSignOffs(['manager'], config)).toBe(true);
    expect(givesSignOffs(['front_desk'], config)).toBe(false);
    expect(givesSignOffs(['admin'], config)).toBe(false);
    expect(givesSignOffs(['front_desk', 'clinician'], config)).toBe(true);
  });
});

describe('decide', () => {
  it('approves straight from needs_review with the type outcome and the reviewer set', () => {
    const result = decide(task('t'), 'approve', clinician, config);
    expect(result.ok && result.next).toMatchObject({ status: 'approved', outcome: 'approved', reviewerId: 'u-clinician' });
  });

  it('needs a reason code of the right kind to reject or send back', () => {
    expect(decide(task('t'), 'reject', clinician, config)).toMatchObject({ ok: false, violation: { field: 'reasonCode' } });
    expect(decide(task('t'), 'reject', clinician, config, 'need_clinical_notes').ok).toBe(false);
    const rejected = decide(task('t'), 'reject', clinician, config, 'duplicate');
    expect(rejected.ok && rejected.next).toMatchObject({ status: 'rejected', reasonCode: 'duplicate' });
    const back = decide(task('t', { status: 'in_review' }), 'request_info', clinician, config, 'need_clinical_notes');
    expect(back.ok && back.next.status).toBe('needs_info');
  });

  it('refuses roles without review rights and tasks no longer waiting', () => {
    expect(decide(task('t'), 'approve', { id: 'u-fd', roles: ['front_desk'] }, config)).toMatchObject({
      ok: false,
      violation: { code: 'forbidden' },
    });
    expect(decide(task('t', { status: 'approved' }), 'approve', clinician, config).ok).toBe(false);
  });
});

describe('reasonChoices', () => {
  it('lists the active codes of one kind', () => {
    expect(reasonChoices(config, 'rejection').map((r) => r.code)).toEqual(['duplicate', 'not_medically_necessary', 'wrong_order']);
    expect(reasonChoices(config, 'needs_info')).toHaveLength(2);
  });
});

describe('supersededDecisions', () => {
  const history = [
    entry({ rev: 5, changes: [{ field: 'status', from: 'in_progress', to: 'needs_review' }], actorName: 'Priya Shah' }),
    entry({ rev: 9, actorId: 'u-manager', actorName: 'Kim Novak', changes: [{ field: 'status', from: 'needs_review', to: 'approved' }] }),
    entry({
      rev: 12,
      kind: 'merged',
      actorId: 'u-clinician',
      changes: [{ field: 'reasonCode', from: '', to: 'duplicate' }],
      superseded: [
        { field: 'status', value: 'rejected', byActorId: 'u-clinician', byWorkstationId: 'ws-2' },
        { field: 'outcome', value: 'rejected', byActorId: 'u-clinician', byWorkstationId: 'ws-2' },
      ],
    }),
  ];

  it('finds my lost decision and the one that stands, with who made it', () => {
    const found = supersededDecisions([task('t', { status: 'approved', history })], 'u-clinician', new Set());
    expect(found).toEqual([{ key: 't:12', taskId: 't', title: 'Task t', mine: 'rejected', standing: 'approved', standingBy: 'Kim Novak' }]);
  });

  it('ignores other people, non-decision fields and acknowledged entries', () => {
    const tasks = [task('t', { status: 'approved', history })];
    expect(supersededDecisions(tasks, 'u-manager', new Set())).toEqual([]);
    expect(supersededDecisions(tasks, 'u-clinician', new Set(['t:12']))).toEqual([]);
    const titleOnly = [entry({ superseded: [{ field: 'title', value: 'x', byActorId: 'u-clinician', byWorkstationId: '' }] })];
    expect(supersededDecisions([task('u', { history: titleOnly })], 'u-clinician', new Set())).toEqual([]);
  });
});

describe('formatWaited', () => {
  const now = Date.parse('2026-11-10T12:00:00.000Z');
  it('says minutes, hours or days', () => {
    expect(formatWaited('2026-11-10T11:48:00.000Z', now)).toBe('12 min');
    expect(formatWaited('2026-11-10T08:55:00.000Z', now)).toBe('3 h 5 min');
    expect(formatWaited('2026-11-08T08:00:00.000Z', now)).toBe('2 d 4 h');
    expect(formatWaited('', now)).toBe('—');
  });
});
