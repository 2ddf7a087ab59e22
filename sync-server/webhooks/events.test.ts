// Which webhook events a task write causes: created, a status change (and approved or rejected as
// events of their own), an escalation by the SLA automation; nothing for an edit that changes no
// status; never PHI in the event.
import { describe, expect, it } from 'vitest';
import { newTaskDoc } from '../../tests/support/api';
import { ESCALATION_ACTION_PREFIX } from '../../shared/sla/escalation';
import type { Task } from '../../shared/task';
import { webhookEventsOf } from './events';

const AT = '2026-12-06T10:00:00.000Z';
const task = (status: Task['status'], extra: Partial<Task> = {}): Task =>
  newTaskDoc({ id: 't1', status, patientRef: 'MRN 100234 J.R.', description: 'Call 555-0100', ...extra });
const types = (before: Task | undefined, after: Task, action?: string) => webhookEventsOf(before, after, action, AT).map((e) => e.type);

describe('webhook events of a task write', () => {
  it('names each kind once, with the previous status on a change', () => {
    expect(types(undefined, task('new'))).toEqual(['task.created']);
    expect(types(task('new'), task('in_progress'))).toEqual(['task.status_changed']);
    expect(types(task('in_review'), task('approved'))).toEqual(['task.status_changed', 'task.approved']);
    expect(types(task('in_review'), task('rejected'))).toEqual(['task.status_changed', 'task.rejected']);
    expect(types(task('in_progress'), task('in_progress'), `${ESCALATION_ACTION_PREFIX}1`)).toEqual(['task.escalated']);
    expect(types(task('in_progress'), task('in_progress', { title: 'Renamed' }))).toEqual([]);
    const [change] = webhookEventsOf(task('in_review'), task('approved'), undefined, AT);
    expect(change.task).toMatchObject({ id: 't1', status: 'approved', previousStatus: 'in_review' });
  });

  it('carries ids, statuses and times only', () => {
    const [created] = webhookEventsOf(undefined, task('new'), undefined, AT);
    expect(Object.keys(created.task).sort()).toEqual([
      'dueAt',
      'id',
      'locationId',
      'ownerId',
      'priority',
      'queue',
      'status',
      'typeId',
      'updatedAt',
    ]);
    expect(JSON.stringify(created)).not.toMatch(/MRN|555-0100/);
  });
});
