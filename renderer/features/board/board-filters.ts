// What the board shows: the chosen view, search and filters. Kept per window, not persisted
// (saved views are, per user, in saved-views.ts).
import { create } from 'zustand';
import type { Priority, TaskStatus } from '../../../shared/task';

export type BoardView = 'board' | 'list';

/** The list's columns, each sortable. */
export type ListColumn = 'title' | 'patient' | 'type' | 'queue' | 'status' | 'priority' | 'due' | 'owner';
export interface ListSort {
  column: ListColumn;
  direction: 'asc' | 'desc';
}
/** What the list groups its rows by. */
export const LIST_GROUPINGS = ['none', 'owner', 'status', 'queue'] as const;
export type ListGroupBy = (typeof LIST_GROUPINGS)[number];

export interface BoardFilters {
  search: string;
  /** '' = every queue the user can read. */
  queue: string;
  priority: Priority | '';
  owner: 'any' | 'mine';
  /** List view only; '' = every status. */
  status: TaskStatus | '';
  /** The statuses (board columns) the view shows; [] = all. */
  statuses: TaskStatus[];
  /** Task types the view is limited to; [] = all. */
  typeIds: string[];
  /** Only tasks due before now. */
  overdue: boolean;
  /** One person's tasks (a manager's pick in the owner filter); '' = anyone. */
  ownerId: string;
  /** These people's tasks (the Covering view: the people I cover for); [] = no such limit. */
  ownerIds: string[];
  /** Tasks naming one of these providers ('' = none named: the approval view's sign-off rule); [] = no such limit. */
  providerIds: string[];
  /** Exactly these tasks (the tasks behind a dashboard figure); null = no such limit. */
  taskIds: string[] | null;
  /** What `taskIds` are, as the dashboard named them. */
  taskIdsLabel: string;
  /** An SLA view (computed from the SLA clock, not an RxDB query): at risk, or the manager's exceptions. */
  sla: '' | 'at_risk' | 'exceptions';
}

export const EMPTY_FILTERS: BoardFilters = {
  search: '',
  queue: '',
  priority: '',
  owner: 'any',
  status: '',
  statuses: [],
  typeIds: [],
  overdue: false,
  ownerId: '',
  ownerIds: [],
  providerIds: [],
  taskIds: null,
  taskIdsLabel: '',
  sla: '',
};

/** Soonest due first, as the board's columns. */
const DEFAULT_LIST_SORT: ListSort = { column: 'due', direction: 'asc' };

interface BoardFilterState {
  view: BoardView;
  /** The named view the filters came from ('' once the user changes them by hand). */
  viewId: string;
  filters: BoardFilters;
  /** The list's sort and grouping: they outlive a switch to the board and back. */
  listSort: ListSort;
  listGroupBy: ListGroupBy;
  /** A click on a column header: that column ascending, or the other way when it already sorts. */
  sortListBy(column: ListColumn): void;
  setListGroupBy(groupBy: ListGroupBy): void;
  /** Shows exactly `taskIds` in the list (a click on a dashboard figure). */
  showTasks(label: string, taskIds: string[]): void;
  setView(view: BoardView): void;
  setFilter<K extends keyof BoardFilters>(key: K, value: BoardFilters[K]): void;
  applyView(viewId: string, filters: BoardFilters): void;
  resetFilters(): void;
}

export const useBoardFilters = create<BoardFilterState>()((set) => ({
  view: 'board',
  viewId: 'board',
  filters: EMPTY_FILTERS,
  listSort: DEFAULT_LIST_SORT,
  listGroupBy: 'none',
  sortListBy: (column) =>
    set(({ listSort }) => ({
      listSort: { column, direction: listSort.column === column && listSort.direction === 'asc' ? 'desc' : 'asc' },
    })),
  setListGroupBy: (listGroupBy) => set({ listGroupBy }),
  showTasks: (taskIdsLabel, taskIds) => set({ view: 'list', viewId: '', filters: { ...EMPTY_FILTERS, taskIds, taskIdsLabel } }),
  setView: (view) => set({ view }),
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
  applyView: (viewId, filters) => set({ viewId, filters }),
  resetFilters: () => set({ viewId: 'board', filters: EMPTY_FILTERS }),
}));
