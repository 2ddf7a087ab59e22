// What the board shows: view, search and filters. Kept per window, not persisted.
import { create } from 'zustand';
import type { Priority, TaskStatus } from '../../shared/task';

export type BoardView = 'board' | 'list';

export interface BoardFilters {
  search: string;
  /** '' = every queue the user can read. */
  queue: string;
  priority: Priority | '';
  owner: 'any' | 'mine';
  /** List view only; '' = every status. */
  status: TaskStatus | '';
}

export const EMPTY_FILTERS: BoardFilters = { search: '', queue: '', priority: '', owner: 'any', status: '' };

interface BoardFilterState {
  view: BoardView;
  filters: BoardFilters;
  /** List view page, 0-based; reset whenever the filters change. */
  page: number;
  setView(view: BoardView): void;
  setFilter<K extends keyof BoardFilters>(key: K, value: BoardFilters[K]): void;
  resetFilters(): void;
  setPage(page: number): void;
}

export const useBoardFilters = create<BoardFilterState>()((set) => ({
  view: 'board',
  filters: EMPTY_FILTERS,
  page: 0,
  setView: (view) => set({ view, page: 0 }),
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value }, page: 0 })),
  resetFilters: () => set({ filters: EMPTY_FILTERS, page: 0 }),
  setPage: (page) => set({ page }),
}));
