import { describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../config/demo';
import { buildPracticeConfig } from '../config/practice';
import { checklistFrom, dueAfter, intakeDefaults } from './intake-defaults';

const config = buildPracticeConfig(demoConfigDocs('loc-main', (u) => `u-${u}`));
// Monday 2026-11-23 10:00 in New York.
const monday10 = new Date('2026-11-23T15:00:00Z');

describe('intake defaults of a task type', () => {
  it('defaults a type to its queue, its due time in business hours and its checklist', () => {
    const d = intakeDefaults('outbound_referral', config, 'loc-main', monday10);
    expect(d.queue).toBe('referrals');
    // 24 business hours from Monday 10:00 (7 on Monday, 9 on Tuesday, 8 on Wednesday): Wednesday 16:00 New York time.
    expect(d.dueAt).toBe('2026-11-25T21:00:00.000Z');
    expect(d.checklist.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(checklistFrom(undefined)).toEqual([]);
    expect(dueAfter(2, config, 'elsewhere', monday10)).toBe('2026-11-23T17:00:00.000Z');
  });
});
