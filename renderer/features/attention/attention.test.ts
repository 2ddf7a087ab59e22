import { describe, expect, it } from 'vitest';
import { newlyWaiting } from './attention';

describe('attention notifications', () => {
  it('notifies only when more items wait than before, with the new total', () => {
    expect(newlyWaiting(undefined, { needsMyApproval: 3, overdue: 0 })).toBe(0);
    expect(newlyWaiting({ needsMyApproval: 3, overdue: 0 }, { needsMyApproval: 3, overdue: 5 })).toBe(0);
    expect(newlyWaiting({ needsMyApproval: 3, overdue: 0 }, { needsMyApproval: 2, overdue: 0 })).toBe(0);
    expect(newlyWaiting({ needsMyApproval: 3, overdue: 0 }, { needsMyApproval: 4, overdue: 0 })).toBe(4);
  });
});
