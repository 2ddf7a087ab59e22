import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPracticeConfig } from '../config/practice';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, TASK_STATUSES, type Task } from '../task';
import { ROLES, type Role } from '../wire';
import { ACTIONS, availableActions } from './actions';
import { applyAction } from './apply';
import { checkIntake, checkTransition } from './check';
import { demoConfigDocs } from '../config/demo';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const REASONS = [...config.reasonCodes.keys()];

function newTask(typeId: string): Task {
  const type = config.taskTypes.get(typeId)!;
  return {
    id: 't1',
    title: 'A request',
    status: 'new',
    typeId,
    queue: type.defaultQueue,
    locationId: 'loc-main',
    priority: 'normal',
    ownerId: '',
    dueAt: '2026-12-01T17:00:00.000Z',
    channel: 'phone',
    patientRef: 'MRN 1 A.B.',
    description: 'details',
    ...EMPTY_WORKFLOW_FIELDS,
    providerId: 'u-clinician',
    checklist: type.checklist.map((label, i) => ({ id: `c${i}`, label, done: false })),
    notes: [],
    createdAt: '2026-11-23T10:00:00.000Z',
    createdBy: 'u-frontdesk',
    updatedAt: '2026-11-23T10:00:00.000Z',
    pendingSync: false,
    ...EMPTY_SERVER_FIELDS,
  };
}

/** What must always hold of a task, whatever happened to it. */
function invariants(task: Task): string[] {
  const broken: string[] = [];
  const type = config.taskTypes.get(task.typeId);
  if (task.status !== 'new' && !task.ownerId) broken.push('owner');
  if (task.status === 'waiting' && (!task.waitingOn || config.reasonCodes.get(task.reasonCode)?.kind !== 'exception'))
    broken.push('waiting reason');
  if (task.status === 'rejected' && config.reasonCodes.get(task.reasonCode)?.kind !== 'rejection') broken.push('rejection reason');
  if (task.status === 'needs_info' && config.reasonCodes.get(task.reasonCode)?.kind !== 'needs_info') broken.push('needs-info reason');
  if (['needs_review', 'in_review', 'approved'].includes(task.status) && !type?.review.required)
    broken.push('review on a type without sign-off');
  if (['needs_review', 'done'].includes(task.status) && task.checklist.some((c) => !c.done)) broken.push('open checklist');
  return broken;
}

describe('workflow rules', () => {
  it('asks a new task for its type’s intake fields, naming the field', () => {
    const task = { ...newTask('records_request'), patientRef: '' };
    expect(checkIntake(task, config)).toMatchObject({ code: 'missing_field', field: 'patientRef' });
    expect(checkIntake(newTask('records_request'), config)).toBeUndefined();
    expect(checkIntake({ ...newTask('records_request'), status: 'done' }, config)).toMatchObject({ code: 'forbidden_transition' });
  });

  it('refuses a rejection without a rejection reason, and a sign-off by the wrong role', () => {
    const inReview: Task = { ...newTask('clinical_review_sign_off'), status: 'in_review', ownerId: 'u-frontdesk', category: 'clinical' };
    const clinician = { id: 'u-clinician', roles: ['clinician' as Role] };
    expect(checkTransition(inReview, { ...inReview, status: 'rejected' }, clinician, config)).toMatchObject({ field: 'reasonCode' });
    expect(checkTransition(inReview, { ...inReview, status: 'rejected', reasonCode: 'payer_pending' }, clinician, config)).toMatchObject({
      field: 'reasonCode',
    });
    expect(checkTransition(inReview, { ...inReview, status: 'rejected', reasonCode: 'duplicate' }, clinician, config)).toBeUndefined();
    expect(
      checkTransition(inReview, { ...inReview, status: 'approved' }, { id: 'u-frontdesk', roles: ['front_desk'] }, config),
    ).toMatchObject({ code: 'forbidden' });
  });

  it('refuses every status jump that is not an action', () => {
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        const task = {
          ...newTask('outbound_referral'),
          status: from,
          ownerId: 'u-referrals',
          category: 'referral',
          reasonCode: 'duplicate',
          waitingOn: 'patient' as const,
        };
        const isAction = ACTIONS.some((a) => a.from.includes(from) && a.to === to);
        const violation = checkTransition(task, { ...task, status: to }, { id: 'u-manager', roles: ['manager'] }, config);
        if (from !== to && !isAction) expect(violation, `${from} → ${to}`).toMatchObject({ code: 'forbidden_transition' });
      }
    }
  });

  it('never reaches a forbidden state through allowed actions (property)', () => {
    const step = fc.record({
      role: fc.constantFrom(...ROLES),
      pick: fc.nat(),
      owner: fc.constantFrom('', 'u-frontdesk', 'u-referrals'),
      category: fc.constantFrom('', 'referral', 'clinical'),
      reason: fc.constantFrom('', ...REASONS),
      waitingOn: fc.constantFrom('' as const, 'patient' as const, 'insurer' as const),
      tick: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom(...config.taskTypes.keys()), fc.array(step, { maxLength: 25 }), (typeId, steps) => {
        const type = config.taskTypes.get(typeId);
        let task = newTask(typeId);
        expect(checkIntake(task, config)).toBeUndefined();
        for (const s of steps) {
          if (s.tick) task = { ...task, checklist: task.checklist.map((c) => ({ ...c, done: true })) };
          const offered = availableActions(task.status, [s.role], type);
          if (offered.length === 0) continue;
          const action = offered[s.pick % offered.length];
          const next = applyAction(
            task,
            action,
            {
              actorId: `u-${s.role}`,
              ownerId: s.owner || task.ownerId,
              category: s.category || task.category,
              reasonCode: s.reason,
              waitingOn: s.waitingOn,
            },
            type,
          );
          const violation = checkTransition(task, next, { id: `u-${s.role}`, roles: [s.role] }, config);
          if (violation) continue; // refused: the task stays as it was
          task = next;
          expect(invariants(task)).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
