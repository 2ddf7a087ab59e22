import { describe, expect, it } from 'vitest';
import { StreamContinuity } from './stream-continuity';

describe('StreamContinuity', () => {
  const a = { name: 'a' };
  const b = { name: 'b' };

  it("proves an event follows the reader's previous one of that collection only after an unbroken run of seqs", () => {
    const c = new StreamContinuity<object>();
    expect(c.observe(10)).toBe(false); // the first notice: nothing seen before it
    expect(c.send(a, 'tasks', 10, false)).toBeUndefined();
    expect(c.observe(11)).toBe(true);
    expect(c.send(a, 'tasks', 11, true)).toBe(10);
    // b reads 12 but has had nothing yet: unknown, so unproven; a reads nothing of 12.
    expect(c.observe(12)).toBe(true);
    expect(c.send(b, 'tasks', 12, true)).toBeUndefined();
    expect(c.observe(13)).toBe(true);
    expect(c.send(a, 'tasks', 13, true)).toBe(11);
    expect(c.send(b, 'tasks', 13, true)).toBe(12);
    // Collections are tracked apart.
    expect(c.observe(14)).toBe(true);
    expect(c.send(a, 'rejections', 14, true)).toBeUndefined();
  });

  it('forgets every reader after a gap or a reordering, and one reader when its scope changes', () => {
    const c = new StreamContinuity<object>();
    c.observe(1);
    c.send(a, 'tasks', 1, false);
    c.send(b, 'tasks', 1, false);
    expect(c.observe(3)).toBe(false); // 2 is missing (its notice was lost or comes late)
    expect(c.observe(2)).toBe(false); // late
    expect(c.observe(4)).toBe(true);
    expect(c.send(a, 'tasks', 4, true)).toBeUndefined();
    expect(c.observe(5)).toBe(true);
    expect(c.send(a, 'tasks', 5, true)).toBe(4);
    c.forget(a);
    expect(c.observe(6)).toBe(true);
    expect(c.send(a, 'tasks', 6, true)).toBeUndefined();
    expect(c.observe(7)).toBe(true);
    expect(c.send(a, 'tasks', 7, false)).toBeUndefined(); // unproven events never claim a predecessor
    expect(c.observe(8)).toBe(true);
    expect(c.send(a, 'tasks', 8, true)).toBe(7);
  });
});
