import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from './board-filters';
import { deleteSavedView, loadSavedViews, saveView } from './saved-views';

function memory() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('saved views', () => {
  it('keeps each user’s views apart, without the search text', () => {
    const storage = memory();
    saveView('u-a', 'Urgent billing', { ...EMPTY_FILTERS, queue: 'billing', priority: 'urgent', search: 'MRN 1' }, storage);
    expect(loadSavedViews('u-a', storage)).toEqual([
      { id: 'saved:Urgent billing', label: 'Urgent billing', filters: { ...EMPTY_FILTERS, queue: 'billing', priority: 'urgent' } },
    ]);
    expect(loadSavedViews('u-b', storage)).toEqual([]);
    expect(deleteSavedView('u-a', 'saved:Urgent billing', storage)).toEqual([]);
  });

  it('survives damaged storage', () => {
    const storage = memory();
    storage.setItem('baton.savedViews.u-a', '{not json');
    expect(loadSavedViews('u-a', storage)).toEqual([]);
  });
});
