import { describe, expect, it } from 'vitest';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, TaskClientFields, type Task } from '../../../../shared/task';
import { dueAtFromDate, emptyIntake, errorsFromZod, toDraft, toPatch, valuesFromTask } from './form-values';

const task: Task = {
  id: 't1',
  title: 'Call back',
  status: 'new',
  typeId: 'missing_paperwork',
  queue: 'front_desk',
  locationId: 'loc-main',
  priority: 'normal',
  ownerId: '',
  dueAt: dueAtFromDate('2026-11-24'),
  channel: 'phone',
  patientRef: 'MRN 1 A.B.',
  description: '',
  notes: [],
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'u1',
  updatedAt: '2026-11-23T10:00:00.000Z',
  pendingSync: false,
  ...EMPTY_SERVER_FIELDS,
  ...EMPTY_WORKFLOW_FIELDS,
  rev: 3,
};

describe('task form values', () => {
  it('round-trips a due date through the date input', () => {
    expect(valuesFromTask(task).dueDate).toBe('2026-11-24');
    expect(new Date(dueAtFromDate('2026-11-24')).getHours()).toBe(17);
  });

  it('patches only what changed', () => {
    const values = { ...valuesFromTask(task), title: 'Call back today' };
    expect(toPatch(values, task)).toEqual({ title: 'Call back today' });
    expect(toPatch(valuesFromTask(task), task)).toEqual({});
    expect(Object.keys(toPatch({ ...values, dueDate: '2026-11-30' }, task))).toEqual(['title', 'dueAt']);
  });

  it('maps zod failures of an empty intake onto the form fields', () => {
    const draft = toDraft({ ...emptyIntake(), dueDate: '' }, 'loc-main');
    const result = TaskClientFields.partial().safeParse(draft);
    expect(result.success).toBe(false);
    const errors = errorsFromZod(result.error);
    expect(errors?.title).toBe('Title is required');
    expect(errors?.typeId).toBe('Choose a task type');
    expect(errors?.queue).toBe('Choose a queue');
    expect(errors?.dueDate).toBe('Enter a valid due date');
  });

  it('ignores errors that are not validation failures', () => {
    expect(errorsFromZod(new Error('disk full'))).toBeNull();
  });
});
