import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../shared/config/demo';
import { buildPracticeConfig } from '../../shared/config/practice';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task } from '../../shared/task';
import { checkIntake } from '../../shared/workflow/check';
import { followUpId, followUpTasks, reviewableTypeIds, routeForTriage } from './workflow';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
// Monday 2026-11-23 10:00 in New York.
const monday10 = new Date('2026-11-23T15:00:00Z');

const task = (over: Partial<Task> = {}): Task => ({
  id: '0a1b2c3d-0000-4000-8000-000000000001',
  title: 'Referral to cardiology',
  status: 'closed',
  typeId: 'outbound_referral',
  queue: 'referrals',
  locationId: 'loc-main',
  priority: 'normal',
  ownerId: 'u-referrals',
  dueAt: monday10.toISOString(),
  channel: 'phone',
  patientRef: 'MRN 1 A.B.',
  description: '',
  notes: [],
  createdAt: monday10.toISOString(),
  createdBy: 'u-frontdesk',
  updatedAt: monday10.toISOString(),
  pendingSync: false,
  ...EMPTY_SERVER_FIELDS,
  ...EMPTY_WORKFLOW_FIELDS,
  providerId: 'u-clinician',
  category: 'referral',
  outcome: 'approved',
  ...over,
});

describe('board workflow helpers', () => {
  it('routes a triaged task to exactly one owner or says why not', () => {
    const routed = routeForTriage(task({ status: 'new' }), 'referral', config, []);
    expect(routed).toMatchObject({ assigned: true, ownerId: 'u-referrals', queue: 'referrals' });
    const unknown = routeForTriage(task({ status: 'new', typeId: 'nope' }), 'referral', { ...config, routingRules: [] }, []);
    expect(unknown.assigned).toBe(false);
    if (!unknown.assigned) expect(unknown.why).toContain('No routing rule');
  });

  it('creates the follow-up of a closed task: deterministic id, assigned, in triage, passing intake', () => {
    const [next, ...rest] = followUpTasks(task(), config, [], 'u-referrals', monday10);
    expect(rest).toEqual([]);
    expect(next).toMatchObject({
      id: followUpId(task().id, 0),
      typeId: 'records_request',
      status: 'new',
      ownerId: 'u-referrals',
      queue: 'front_desk',
      followUpOf: task().id,
      title: 'Send records to the specialist',
      patientRef: 'MRN 1 A.B.',
      category: 'records',
      notes: [],
      history: [],
    });
    expect(next.id.length).toBeLessThanOrEqual(64);
    expect(checkIntake(next, config)).toBeUndefined();
    expect(followUpTasks(task(), config, [], 'u-x', monday10)[0].id).toBe(next.id);
  });

  it('makes no follow-up for another outcome, and routes when the rule says so', () => {
    expect(followUpTasks(task({ outcome: 'approved_with_changes' }), config, [], 'u', monday10)).toEqual([]);
    const lab = followUpTasks(task({ typeId: 'lab_result_follow_up', outcome: 'approved' }), config, [], 'u', monday10);
    expect(lab[0]).toMatchObject({ typeId: 'appointment_reschedule', ownerId: 'u-frontdesk', queue: 'front_desk' });
  });

  it('gives a follow-up for an owner who is out to their coverer, only on their days out', () => {
    const covered = structuredClone(config);
    covered.staff.set('u-referrals', {
      ...covered.staff.get('u-referrals')!,
      outFrom: '2026-11-23',
      outTo: '2026-11-23',
      coveredBy: 'u-frontdesk',
    });
    expect(followUpTasks(task(), covered, [], 'u-x', monday10)[0].ownerId).toBe('u-frontdesk');
    expect(followUpTasks(task(), covered, [], 'u-x', new Date('2026-11-24T15:00:00Z'))[0].ownerId).toBe('u-referrals');
  });

  it('lists the types a role may approve', () => {
    expect(reviewableTypeIds(config, ['clinician'])).toEqual(expect.arrayContaining(['outbound_referral', 'lab_result_follow_up']));
    expect(reviewableTypeIds(config, ['clinician'])).not.toContain('general');
    expect(reviewableTypeIds(config, ['front_desk'])).toEqual([]);
    expect(reviewableTypeIds(config, ['manager']).length).toBe(reviewableTypeIds(config, ['clinician']).length);
  });
});
