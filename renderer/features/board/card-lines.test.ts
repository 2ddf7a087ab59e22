import { describe, expect, it } from 'vitest';
import { ageText, nextStepText } from './card-lines';

const at = (iso: string) => `at ${iso}`;
const task = { status: 'new' as const, statusSince: '2026-12-04T14:00:00.000Z', createdAt: '2026-12-04T13:00:00.000Z' };

describe('what a card says it waits on', () => {
  it('names the next step of every status since the task entered it', () => {
    expect(nextStepText(task, at)).toBe('Waiting on triage since at 2026-12-04T14:00:00.000Z');
    expect(nextStepText({ ...task, status: 'ready' }, at)).toMatch(/^Ready to start since/);
    expect(nextStepText({ ...task, status: 'approved' }, at)).toMatch(/^Approved, to finish since/);
    expect(nextStepText({ ...task, status: 'done' }, at)).toMatch(/^Done since/);
  });

  it('names the clinician a review waits for, when the task names one', () => {
    expect(nextStepText({ ...task, status: 'needs_review' }, at, 'Dr. Chen')).toBe(
      'Waiting on Dr. Chen’s sign-off since at 2026-12-04T14:00:00.000Z',
    );
    expect(nextStepText({ ...task, status: 'needs_review' }, at)).toMatch(/^Waiting on sign-off since/);
  });

  it('counts from the creation where the server has not stamped the status yet (a task filed offline)', () => {
    expect(nextStepText({ ...task, statusSince: '' }, at)).toBe('Waiting on triage since at 2026-12-04T13:00:00.000Z');
  });

  it('leaves the paused states to the waiting line (it says on whom)', () => {
    expect(nextStepText({ ...task, status: 'waiting' }, at)).toBe('');
    expect(nextStepText({ ...task, status: 'needs_info' }, at)).toBe('');
  });
});

describe('a card’s age', () => {
  const created = '2026-03-08T06:30:00.000Z';
  const plus = (ms: number) => Date.parse(created) + ms;

  it('is coarse: minutes, hours, days', () => {
    expect(ageText(created, plus(30_000))).toBe('new');
    expect(ageText(created, plus(12 * 60_000))).toBe('12 min');
    expect(ageText(created, plus(5 * 3_600_000 + 59 * 60_000))).toBe('5 h');
    expect(ageText(created, plus(3 * 86_400_000 + 3_600_000))).toBe('3 d');
  });

  it('is elapsed time, so a daylight-saving change in between neither adds nor loses an hour', () => {
    // 2026-03-08: clocks in New York go forward at 07:00 UTC; 24 hours later is still "1 d".
    expect(ageText(created, plus(24 * 3_600_000))).toBe('1 d');
    expect(ageText(created, plus(23 * 3_600_000))).toBe('23 h');
  });

  it('never goes negative when the workstation’s clock is behind the server that stamped it', () => {
    expect(ageText(created, plus(-2 * 3_600_000))).toBe('new');
    expect(ageText('not a date', plus(0))).toBe('');
  });
});
