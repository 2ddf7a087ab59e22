import { describe, expect, it } from 'vitest';
import { DEMO_TASK_TYPES } from '../../../shared/config/demo';
import {
  blankRoutingRule,
  blankTaskType,
  errorUnder,
  matchesEveryTask,
  matchesSearch,
  routingRuleFromForm,
  routingRuleKey,
  routingRuleToForm,
  slugKey,
  taskTypeFromForm,
  taskTypeToForm,
  validateBody,
} from './admin-forms';

describe('slugKey', () => {
  it('makes a lower-case key from the label', () => {
    expect(slugKey('Insurance card expired!', [])).toBe('insurance_card_expired');
    expect(slugKey('  Café — closed ', [])).toBe('cafe_closed');
  });
  it('is unique among the taken keys', () => {
    expect(slugKey('Duplicate request', ['duplicate_request'])).toBe('duplicate_request_2');
    expect(slugKey('Duplicate request', ['duplicate_request', 'duplicate_request_2'])).toBe('duplicate_request_3');
  });
  it('falls back when the label has no letters or digits, and stays short', () => {
    expect(slugKey('!!!', [], 'reason')).toBe('reason');
    expect(slugKey('a'.repeat(100), []).length).toBeLessThanOrEqual(40);
  });
});

describe('task type form', () => {
  const prior = DEMO_TASK_TYPES.prior_auth_follow_up;

  it('round-trips a demo type unchanged', () => {
    expect(taskTypeFromForm(taskTypeToForm(prior))).toEqual({ ok: true, body: prior });
  });

  it('turns typed hours into numbers and drops blank list rows', () => {
    const form = { ...taskTypeToForm(prior), defaultDueHours: ' 12 ', checklist: ['Call payer', '  ', 'Record number '] };
    const result = taskTypeFromForm(form);
    expect(result.ok && result.body.defaultDueHours).toBe(12);
    expect(result.ok && result.body.checklist).toEqual(['Call payer', 'Record number']);
  });

  it('puts errors on the fields: empty label, hours that are not a number, a follow-up without a title', () => {
    const form = taskTypeToForm(prior);
    const result = taskTypeFromForm({
      ...form,
      label: ' ',
      defaultDueHours: 'soon',
      followUps: [{ ...form.followUps[0], title: '' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.label).toBe('Required');
    expect(result.errors.defaultDueHours).toBe('Enter a number');
    expect(errorUnder(result.errors, 'followUps')).toBe('Required');
  });

  it('requires a reviewing role when review is required, and clears the role when it is not', () => {
    const form = taskTypeToForm(prior);
    const missing = taskTypeFromForm({ ...form, review: { required: true, role: '' } });
    expect(!missing.ok && missing.errors['review.role']).toBe('Choose the role that reviews');
    const off = taskTypeFromForm({ ...form, review: { required: false, role: 'clinician' } });
    expect(off.ok && off.body.review).toEqual({ required: false, role: '' });
  });

  it('a new type is not saved until it has a label, a category and a queue', () => {
    const blank = taskTypeFromForm(taskTypeToForm(blankTaskType()));
    expect(!blank.ok && Object.keys(blank.errors).sort()).toEqual(['category', 'defaultQueue', 'label']);
    const filled = taskTypeFromForm({
      ...taskTypeToForm(blankTaskType()),
      label: 'Equipment order',
      category: 'operations',
      defaultQueue: 'practice_ops',
    });
    expect(filled.ok && filled.body).toMatchObject({
      label: 'Equipment order',
      defaultDueHours: 8,
      requiredFields: ['description'],
      active: true,
    });
  });

  it('SLA targets: typed hours and a percentage become the saved targets; switched off, the type has none', () => {
    const form = taskTypeToForm(prior);
    expect(form.sla).toMatchObject({ enabled: true, resolutionHours: '24', atRiskPercent: '75' });
    const typed = taskTypeFromForm({ ...form, sla: { ...form.sla, firstTouchHours: ' 2 ', atRiskPercent: '80', pauseWhile: ['insurer'] } });
    expect(typed.ok && typed.body.sla).toEqual({
      ...prior.sla,
      firstTouchHours: 2,
      resolutionHours: 24,
      atRiskShare: 0.8,
      pauseWhile: ['insurer'],
    });
    const escalation = taskTypeFromForm({
      ...form,
      sla: { ...form.sla, remindIdleHours: '6', escalateIdleHours: '12', managerAfterHours: '0', reassignToLead: true },
    });
    expect(escalation.ok && escalation.body.sla).toMatchObject({
      remindIdleHours: 6,
      escalateIdleHours: 12,
      managerAfterHours: 0,
      reassignToLead: true,
    });
    const off = taskTypeFromForm({ ...form, sla: { ...form.sla, enabled: false } });
    expect(off.ok && 'sla' in off.body).toBe(false);
    const bad = taskTypeFromForm({ ...form, sla: { ...form.sla, resolutionHours: 'soon', atRiskPercent: '0' } });
    expect(!bad.ok && [bad.errors['sla.resolutionHours'], !!bad.errors['sla.atRiskShare']]).toEqual(['Enter a number', true]);
  });

  it('refuses negative hours', () => {
    const result = taskTypeFromForm({ ...taskTypeToForm(prior), defaultDueHours: '-1' });
    expect(!result.ok && result.errors.defaultDueHours).toBe('At least 0');
  });
});

describe('routing rule form', () => {
  const rule = {
    order: 1,
    match: { typeId: 'records_request' },
    queue: 'front_desk',
    strategy: 'round_robin' as const,
    pool: ['u1'],
    active: true,
  };

  it('round-trips, with empty match fields meaning "any"', () => {
    const form = routingRuleToForm(rule);
    expect(form.match).toEqual({ typeId: 'records_request', category: '', locationId: '', providerId: '' });
    expect(routingRuleFromForm(form)).toEqual({ ok: true, body: rule });
  });

  it('a new rule needs a queue, gets a key from it, and says when it would match every task', () => {
    const form = routingRuleToForm(blankRoutingRule());
    const blank = routingRuleFromForm(form);
    expect(!blank.ok && Object.keys(blank.errors)).toEqual(['queue']);
    expect(matchesEveryTask(form)).toBe(true);
    const typed = { ...form, queue: 'billing', match: { ...form.match, typeId: 'claim_status_check' } };
    expect(matchesEveryTask(typed)).toBe(false);
    expect(routingRuleKey(typed, ['rule_billing'])).toBe('rule_billing_2');
    expect(routingRuleFromForm(typed)).toEqual({
      ok: true,
      body: { ...blankRoutingRule(), queue: 'billing', match: { typeId: 'claim_status_check' } },
    });
  });

  it('refuses a fractional order and an empty queue', () => {
    const result = routingRuleFromForm({ ...routingRuleToForm(rule), order: '1.5', queue: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['order', 'queue']);
  });
});

describe('validateBody and matchesSearch', () => {
  it('validates a reason code with its schema', () => {
    expect(validateBody('reason_code', { kind: 'exception', label: 'Fax unreadable', active: true }).ok).toBe(true);
    const bad = validateBody('reason_code', { kind: 'other', label: '', active: true });
    expect(!bad.ok && bad.errors).toEqual({ kind: 'Choose one of the options', label: 'Required' });
  });
  it('validates a location: its time zone, opening hours that close after they open, closure dates', () => {
    const location = {
      label: 'Main',
      timeZone: 'America/Chicago',
      businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5] },
      lockAfterMinutes: 5,
      offlineSignInHours: 72,
    };
    expect(
      validateBody('location', {
        ...location,
        openingHours: [{ day: 6, open: '09:00', close: '12:00' }],
        closures: [{ date: '2026-12-25', label: 'Christmas' }],
      }).ok,
    ).toBe(true);
    const bad = validateBody('location', {
      ...location,
      timeZone: 'Mars/Olympus',
      openingHours: [{ day: 1, open: '12:00', close: '09:00' }],
      closures: [{ date: '25/12/2026', label: '' }],
    });
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['closures.0.date', 'openingHours.0.close', 'timeZone']);
  });
  it('matches every word, case-insensitively, across texts', () => {
    expect(matchesSearch('prior AUTH', 'Prior-auth follow-up', 'referrals')).toBe(true);
    expect(matchesSearch('prior billing', 'Prior-auth follow-up', 'referrals')).toBe(false);
    expect(matchesSearch('  ', 'anything')).toBe(true);
  });
});
