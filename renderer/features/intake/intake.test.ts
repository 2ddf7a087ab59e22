import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import { buildPracticeConfig } from '../../../shared/config/practice';
import { checkIntake } from '../../../shared/workflow/check';
import {
  basicErrors,
  emptyIntakeValues,
  intakeDraft,
  intakeFieldOf,
  isoFromLocal,
  liveErrors,
  localDateTime,
  requiredFields,
  withType,
} from './intake';
import { newTaskDocument } from '../../db/tasks';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
const now = new Date('2026-11-23T15:00:00Z');

describe('intake form values', () => {
  it('fills in the type’s queue and due time, keeping a due time the user set', () => {
    const v = withType(emptyIntakeValues(), 'outbound_referral', config, 'loc-main', now, false);
    expect(v.queue).toBe('referrals');
    expect(isoFromLocal(v.due)).toBe('2026-11-25T21:00:00.000Z');
    const kept = withType({ ...v, due: '2030-01-02T09:30' }, 'portal_message', config, 'loc-main', now, true);
    expect(kept.due).toBe('2030-01-02T09:30');
    expect(kept.queue).toBe('front_desk');
    expect(localDateTime('nonsense')).toBe('');
  });

  it('knows the required fields of the type and the basic errors', () => {
    expect([...requiredFields({ ...emptyIntakeValues(), typeId: 'outbound_referral' }, config)]).toEqual([
      'patientRef',
      'dueAt',
      'channel',
      'providerId',
    ]);
    expect(basicErrors(emptyIntakeValues())).toEqual({
      title: 'Title is required',
      typeId: 'Choose a task type',
      due: 'Enter a valid due date',
    });
  });

  it('builds a draft the shared intake check judges, with the message on the right field', () => {
    const v = { ...withType(emptyIntakeValues(), 'outbound_referral', config, 'loc-main', now, false), title: 'Referral' };
    const draft = intakeDraft(v, 'loc-main', config, { category: 'referral', confidence: 0.82, ranked: [] });
    expect(draft).toMatchObject({
      suggestedCategory: 'referral',
      suggestionConfidence: 0.82,
      checklist: [{ id: 'c1', done: false }, { id: 'c2' }, { id: 'c3' }],
    });
    const violation = checkIntake(newTaskDocument(draft, { id: 'u', displayName: 'U' }), config);
    expect(violation?.field).toBe('patientRef');
    expect(intakeFieldOf(violation?.field)).toBe('patientRef');
    expect(intakeFieldOf('dueAt')).toBe('due');
    const full = intakeDraft({ ...v, patientRef: 'MRN 1 A.B.', providerId: 'u-clinician' }, 'loc-main', config, undefined);
    expect(checkIntake(newTaskDocument({ ...full, status: 'new' }, { id: 'u', displayName: 'U' }), config)).toBeUndefined();
  });
});

describe('validation as the person types', () => {
  it('tells only the fields they have been in, in the intake check’s own words', () => {
    const values = withType({ ...emptyIntakeValues(), title: 'Refill lisinopril' }, 'medication_refill', config, 'loc-main', now, false);
    expect(liveErrors(values, config, new Set())).toEqual({});
    expect(liveErrors(values, config, new Set(['title', 'patientRef']))).toEqual({
      patientRef: 'Patient reference (MRN and initials) is required for Medication refill',
    });
    expect(liveErrors({ ...values, title: '  ' }, config, new Set(['title']))).toEqual({ title: 'Title is required' });
    const all = new Set(Object.keys(values) as (keyof typeof values)[]);
    expect(Object.keys(liveErrors(values, config, all)).sort()).toEqual(['description', 'patientRef', 'providerId']);
    // The same fields the intake check refuses, one at a time.
    const draft = newTaskDocument(intakeDraft(values, 'loc-main', config, undefined), { id: 'u-frontdesk', displayName: 'Maria' });
    expect(['description', 'patientRef', 'providerId']).toContain(checkIntake(draft, config)?.field);
  });
});
