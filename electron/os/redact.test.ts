import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from './redact';

describe('log redaction', () => {
  it('masks MRNs with the initials that follow them', () => {
    expect(redactText('opened MRN 100234 J.D. task')).toBe('opened [MRN] task');
    expect(redactText('mrn:AB-99812')).toBe('[MRN]');
  });

  it('masks dates of birth, phone numbers, e-mail, SSNs and long numbers', () => {
    const out = redactText('dob 03/14/1961, call (555) 123-4567 or 555.123.4567, jd@example.org, 123-45-6789, acct 88812345');
    expect(out).toBe('dob [DATE], call [PHONE] or [PHONE], [EMAIL], [SSN], acct [NUMBER]');
  });

  it('keeps what a log needs: timestamps, ids, counts, ports', () => {
    expect(redactText('2026-11-23T10:00:00.000Z sync pulled 37 docs from 127.0.0.1:8787 task t-abc12')).toBe(
      '2026-11-23T10:00:00.000Z sync pulled 37 docs from 127.0.0.1:8787 task t-abc12',
    );
  });

  it('drops PHI fields whole, however deep, and keeps the rest', () => {
    const task = {
      id: 't1',
      status: 'needs_review',
      patientRef: 'Jane Doe',
      description: 'Patient says chest pain since Monday',
      notes: [{ text: 'called back' }],
      nested: { reasonNote: 'free text', count: 2, message: 'MRN 100234' },
    };
    expect(redactValue(task)).toEqual({
      id: 't1',
      status: 'needs_review',
      patientRef: '[REDACTED]',
      description: '[REDACTED]',
      notes: '[REDACTED]',
      nested: { reasonNote: '[REDACTED]', count: 2, message: '[MRN]' },
    });
  });

  it('redacts error messages and secrets', () => {
    expect(redactValue(new Error('no task for MRN 100234'))).toEqual({ name: 'Error', message: 'no task for [MRN]' });
    expect(redactValue({ token: 'eyJhbGciOi', password: 'baton-demo' })).toEqual({ token: '[REDACTED]', password: '[REDACTED]' });
  });
});
