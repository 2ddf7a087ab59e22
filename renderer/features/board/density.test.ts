import { describe, expect, it } from 'vitest';
import { loadDensity } from './density';

const storageOf = (entries: Record<string, string>) => ({ getItem: (key: string) => entries[key] ?? null });

describe('card density', () => {
  it('is each person’s own, comfortable unless they chose compact', () => {
    const storage = storageOf({ 'baton.density.u-desk': 'compact', 'baton.density.u-other': 'something else' });
    expect(loadDensity('u-desk', storage)).toBe('compact');
    expect(loadDensity('u-other', storage)).toBe('comfortable');
    expect(loadDensity('u-new', storage)).toBe('comfortable');
  });
});
