// Saved views: a user's named filter sets, kept in this workstation's localStorage (per user, not
// replicated: another workstation does not see them).
import { EMPTY_FILTERS, type BoardFilters } from './board-filters';

export interface SavedView {
  id: string;
  label: string;
  filters: BoardFilters;
}

const key = (userId: string) => `baton.savedViews.${userId}`;

export function loadSavedViews(userId: string, storage: Pick<Storage, 'getItem'> = localStorage): SavedView[] {
  try {
    const parsed = JSON.parse(storage.getItem(key(userId)) ?? '[]') as SavedView[];
    return Array.isArray(parsed) ? parsed.map((v) => ({ ...v, filters: { ...EMPTY_FILTERS, ...v.filters } })) : [];
  } catch {
    return [];
  }
}

export function saveView(
  userId: string,
  label: string,
  filters: BoardFilters,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): SavedView[] {
  const views = loadSavedViews(userId, storage).filter((v) => v.label !== label);
  // The search text may hold a patient reference: saved views keep filters only.
  const next = [...views, { id: `saved:${label}`, label, filters: { ...filters, search: '' } }];
  storage.setItem(key(userId), JSON.stringify(next));
  return next;
}

export function deleteSavedView(userId: string, id: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): SavedView[] {
  const next = loadSavedViews(userId, storage).filter((v) => v.id !== id);
  storage.setItem(key(userId), JSON.stringify(next));
  return next;
}
