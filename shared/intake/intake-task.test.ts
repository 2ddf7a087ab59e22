// What someone outside the practice reads of a task's status: only what staff meant them to.
import { describe, expect, it } from 'vitest';
import { intakeStatusOf } from './intake-task';

describe('intakeStatusOf', () => {
  it('says received in triage, done once finished, and being worked on for the practice’s own steps', () => {
    expect(intakeStatusOf({ status: 'new', waitingOn: '' })).toBe('received');
    expect(intakeStatusOf({ status: 'done', waitingOn: '' })).toBe('done');
    expect(intakeStatusOf({ status: 'closed', waitingOn: '' })).toBe('done');
    for (const status of ['ready', 'in_progress', 'needs_review', 'in_review', 'approved', 'rejected'] as const)
      expect(intakeStatusOf({ status, waitingOn: '' }), status).toBe('being_worked_on');
    expect(intakeStatusOf({ status: 'waiting', waitingOn: 'insurer' })).toBe('being_worked_on');
  });

  it('says waiting on you only while staff wait on the patient, never for a reviewer’s send-back to staff', () => {
    expect(intakeStatusOf({ status: 'waiting', waitingOn: 'patient' })).toBe('waiting_on_you');
    expect(intakeStatusOf({ status: 'needs_info', waitingOn: 'patient' })).toBe('waiting_on_you');
    // A clinician sent it back for clinical notes: the practice's work, and its note is internal.
    expect(intakeStatusOf({ status: 'needs_info', waitingOn: '' })).toBe('being_worked_on');
    expect(intakeStatusOf({ status: 'needs_info', waitingOn: 'provider' })).toBe('being_worked_on');
  });
});
