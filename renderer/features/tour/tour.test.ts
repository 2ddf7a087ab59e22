import { describe, expect, it } from 'vitest';
import { STATUS_INFO } from '../../../shared/workflow/statuses';
import { markTourTaken, tourTaken } from './tour-taken';
import { APPROVAL_KEYS, BOARD_KEYS, tourKind, tourSteps } from './tour-steps';

const memory = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

describe('the first-run tour', () => {
  it('fits the role: a team’s board, a clinician’s sign-off, a manager’s overview, an admin’s configuration', () => {
    expect(tourKind(['front_desk'])).toBe('team');
    expect(tourKind(['billing', 'referrals'])).toBe('team');
    expect(tourKind(['clinician'])).toBe('clinician');
    expect(tourKind(['front_desk', 'manager'])).toBe('manager');
    expect(tourKind(['admin'])).toBe('admin');
    // An admin who also works a queue gets that queue's tour: they have a board.
    expect(tourKind(['admin', 'billing'])).toBe('team');
  });

  it('shows each status the role works with what must be true to leave it, from the workflow itself', () => {
    const statuses = tourSteps('team', 'Maria Lopez').flatMap((s) => s.statuses ?? []);
    expect(statuses.map((s) => s.status)).toContain('waiting');
    for (const s of statuses) expect(s.leaves).toBe(STATUS_INFO[s.status].exitCriteria);
    const review = tourSteps('clinician', 'Dr. Alex Chen').flatMap((s) => s.statuses ?? []);
    expect(review.map((s) => s.status)).toEqual(['needs_review', 'in_review', 'approved', 'rejected', 'needs_info']);
  });

  it('names the keys that matter to the role, the lock included', () => {
    const keysOf = (kind: Parameters<typeof tourSteps>[0]) =>
      tourSteps(kind, '')
        .flatMap((s) => s.keys ?? [])
        .map((k) => k.keys);
    expect(keysOf('team')).toEqual(expect.arrayContaining(['n', 'w', '?', 'Ctrl/⌘ L']));
    expect(keysOf('clinician')).toEqual(expect.arrayContaining(['a', 'r', 'i', 'Ctrl/⌘ L']));
    expect(keysOf('admin')).toEqual(['Ctrl/⌘ L']);
    expect(tourSteps('team', 'Maria Lopez')[0].title).toBe('Welcome to Baton, Maria Lopez');
  });

  it('takes every key it names from the `?` help, with the help’s words', () => {
    expect(BOARD_KEYS).toHaveLength(8);
    expect(APPROVAL_KEYS).toHaveLength(7);
    expect(BOARD_KEYS.find((k) => k.keys === 'n')?.label).toBe('New task');
  });

  it('is shown once per person on a workstation', () => {
    const storage = memory();
    expect(tourTaken('frontdesk', storage)).toBe(false);
    markTourTaken('frontdesk', storage);
    expect(tourTaken('frontdesk', storage)).toBe(true);
    expect(tourTaken('billing', storage)).toBe(false);
  });

  it('is not forced on every sign-in where storage is refused', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(tourTaken('frontdesk', refusing)).toBe(true);
  });
});
