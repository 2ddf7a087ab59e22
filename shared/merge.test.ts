import { describe, expect, it } from 'vitest';
import { mergeTask } from './merge';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task } from './task';

const base: Task = {
  id: 't1',
  title: 'Referral to cardiology',
  status: 'ready',
  typeId: 'outbound_referral',
  queue: 'referrals',
  locationId: 'loc-main',
  priority: 'normal',
  ownerId: '',
  dueAt: '2026-12-01T10:00:00.000Z',
  channel: 'phone',
  patientRef: 'MRN 1 A.B.',
  description: '',
  ...EMPTY_WORKFLOW_FIELDS,
  notes: [],
  createdAt: '2026-11-01T10:00:00.000Z',
  createdBy: 'u1',
  updatedAt: '2026-11-01T10:00:00.000Z',
  pendingSync: false,
  ...EMPTY_SERVER_FIELDS,
  rev: 5,
};
const note = (id: string, at: string) => ({ id, at, authorId: 'u1', authorName: 'A', text: `note ${id}` });

describe('mergeTask', () => {
  it('keeps both sides when they changed different fields', () => {
    const ours = { ...base, priority: 'high' as const };
    const theirs = { ...base, status: 'in_progress' as const, rev: 6 };
    const { merged, superseded } = mergeTask(base, ours, theirs);
    expect(merged.priority).toBe('high');
    expect(merged.status).toBe('in_progress');
    expect(merged.rev).toBe(6);
    expect(superseded).toEqual([]);
  });

  it("keeps the server's value of a field both changed and reports ours as superseded", () => {
    const ours = { ...base, title: 'Ours' };
    const theirs = { ...base, title: 'Theirs' };
    const { merged, superseded } = mergeTask(base, ours, theirs);
    expect(merged.title).toBe('Theirs');
    expect(superseded).toEqual([{ field: 'title', value: 'Ours' }]);
  });

  it('does not call identical changes a conflict', () => {
    const ours = { ...base, ownerId: 'u2' };
    const theirs = { ...base, ownerId: 'u2' };
    expect(mergeTask(base, ours, theirs).superseded).toEqual([]);
  });

  it('unions notes added on both sides, in time order', () => {
    const ours = { ...base, notes: [note('b', '2026-11-02T10:00:00.000Z')] };
    const theirs = { ...base, notes: [note('a', '2026-11-02T09:00:00.000Z'), note('c', '2026-11-02T11:00:00.000Z')] };
    expect(mergeTask(base, ours, theirs).merged.notes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
  });

  it('treats every differing field as a conflict when there is no base (two inserts of one id)', () => {
    const ours = { ...base, title: 'Mine', priority: 'urgent' as const };
    const { merged, superseded } = mergeTask(undefined, ours, base);
    expect(merged).toEqual(base);
    expect(superseded.map((s) => s.field).sort()).toEqual(['priority', 'title']);
  });

  it('keeps the reason of a losing status change off the winning one', () => {
    const inReview = { ...base, status: 'in_review' as const };
    const ours = { ...inReview, status: 'rejected' as const, reasonCode: 'duplicate', reviewerId: 'u-manager' };
    const theirs = { ...inReview, status: 'approved' as const, outcome: 'approved', reviewerId: 'u-clinician', rev: 6 };
    const { merged, superseded } = mergeTask(inReview, ours, theirs);
    expect(merged).toMatchObject({ status: 'approved', reasonCode: '', outcome: 'approved', reviewerId: 'u-clinician' });
    expect(superseded.map((s) => s.field).sort()).toEqual(['reasonCode', 'reviewerId', 'status']);
  });
});
