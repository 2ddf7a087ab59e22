import { describe, expect, it } from 'vitest';
import { moveItem, removeItem, replaceItem } from './list-ops';

describe('list ops', () => {
  it('replaces, removes and moves without touching the input', () => {
    const items = ['a', 'b', 'c'];
    expect(replaceItem(items, 1, 'B')).toEqual(['a', 'B', 'c']);
    expect(removeItem(items, 0)).toEqual(['b', 'c']);
    expect(moveItem(items, 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(items, 0, -1)).toBe(items);
    expect(items).toEqual(['a', 'b', 'c']);
  });
});
