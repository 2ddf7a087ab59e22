// Live data for the board. A replica may hold 50,000 tasks: the board's columns ask RxDB for a
// capped, sorted window, count the rest without loading it where an index allows, and rescan
// (throttled) only when a search or a non-indexed filter forces it; the list asks once for every
// matching task and shows only the rows in view.
import { asyncScheduler, auditTime, combineLatest, map, Observable, throttleTime } from 'rxjs';
import type { RxDocument } from 'rxdb';
import { isOverdue } from '../../../shared/kpi/at-risk';
import { isOpenStatus } from '../../../shared/workflow/statuses';
import type { Rejection } from '../../../shared/rejection';
import { TASK_STATUSES, type Task, type TaskStatus } from '../../../shared/task';
import type { BatonDatabase } from '../../db/database';
import type { BoardFilters } from './board-filters';
import { countIsIndexed, matchesSearch, normalizeSearch, searchText, TASK_SORT, taskSelector, type TaskSelector } from './board-queries';

export interface TaskWindow {
  tasks: Task[];
  /** All tasks matching, of which `tasks` is the first part. */
  total: number;
}

const RESCAN_MS = 400;
const LIST_REFRESH_MS = 1000;

const plain = (doc: RxDocument<Task>) => doc.toJSON() as Task;

/**
 * Runs `scan` now and again after the collection changes (at most every RESCAN_MS), never two at a
 * time: a scan of a large replica takes long enough that overlapping ones would pile up.
 */
function rescanOnChange<T>(db: BatonDatabase, scan: () => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let running = false;
    let dirty = true;
    let closed = false;
    const run = async () => {
      if (running) return;
      running = true;
      while (dirty && !closed) {
        dirty = false;
        try {
          const value = await scan();
          if (!closed) subscriber.next(value);
        } catch (error) {
          if (!closed) subscriber.error(error);
          return;
        }
      }
      running = false;
    };
    const changes = db.tasks.$.pipe(auditTime(RESCAN_MS)).subscribe(() => {
      dirty = true;
      void run();
    });
    void run();
    return () => {
      closed = true;
      changes.unsubscribe();
    };
  });
}

function count$(db: BatonDatabase, selector: TaskSelector): Observable<number> {
  if (countIsIndexed(selector)) return db.tasks.count({ selector }).$;
  return rescanOnChange(db, async () => (await db.tasks.find({ selector }).exec()).length);
}

function searched$(
  db: BatonDatabase,
  selector: TaskSelector,
  needle: string,
  skip: number,
  limit: number,
  sort = TASK_SORT,
): Observable<TaskWindow> {
  return rescanOnChange(db, async () => {
    const docs = await db.tasks.find({ selector, sort }).exec();
    const hits = docs.filter((d) => matchesSearch(d, needle));
    return { tasks: hits.slice(skip, skip + limit).map(plain), total: hits.length };
  });
}

function window$(
  db: BatonDatabase,
  selector: TaskSelector,
  search: string,
  skip: number,
  limit: number,
  sort = TASK_SORT,
): Observable<TaskWindow> {
  const needle = normalizeSearch(search);
  if (needle) return searched$(db, selector, needle, skip, limit, sort);
  const tasks$ = db.tasks.find({ selector, sort, skip, limit }).$.pipe(map((docs) => docs.map(plain)));
  return combineLatest([tasks$, count$(db, selector)]).pipe(map(([tasks, total]) => ({ tasks, total })));
}

/** One board column: the first `limit` tasks of a status by due date, and how many there are. */
export function columnWindow$(db: BatonDatabase, status: TaskStatus, filters: BoardFilters, userId: string, limit: number) {
  return window$(db, taskSelector(filters, userId, status), filters.search, 0, limit);
}

export type BoardWindows = Record<TaskStatus, TaskWindow>;

/**
 * Whether the board needs one shared scan of the replica: a search (it runs in JS) or a filter no
 * index can count. Otherwise each column asks its own indexed, capped query.
 */
export function boardNeedsScan(filters: BoardFilters, userId: string): boolean {
  return !!normalizeSearch(filters.search) || !countIsIndexed(taskSelector(filters, userId, 'new'));
}

const byDue = (a: Task, b: Task) => (a.dueAt === b.dueAt ? (a.id < b.id ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1);

/** A task and what a search looks in (title and patient reference), lower-cased once per scan, not per keystroke. */
interface Searchable {
  task: Task;
  text: string;
}

/** Every matching task of each status, by due date: what the board's columns are cut from. */
export type BoardGroups = Record<TaskStatus, Searchable[]>;

/**
 * Every task the filters other than search select, grouped by status and sorted, from one scan
 * (rescanned when the replica changes). Typing in the search box does not rescan: the columns are
 * cut from these groups in memory (boardWindows), so each keystroke costs one pass over strings.
 */
export function boardGroups$(db: BatonDatabase, filters: BoardFilters, userId: string): Observable<BoardGroups> {
  const selector = taskSelector({ ...filters, search: '', status: '' }, userId);
  return rescanOnChange(db, async () => {
    const docs = await db.tasks.find({ selector }).exec();
    const byStatus = new Map<TaskStatus, Task[]>(TASK_STATUSES.map((s) => [s, []]));
    for (const doc of docs) byStatus.get(doc.status)?.push(plain(doc));
    const groups = {} as BoardGroups;
    for (const status of TASK_STATUSES)
      groups[status] = byStatus
        .get(status)!
        .sort(byDue)
        .map((task) => ({ task, text: searchText(task) }));
    return groups;
  });
}

/** Each column's first `limit` tasks matching `search` and how many match, from the groups in memory. */
export function boardWindows(groups: BoardGroups, search: string, limit: number): BoardWindows {
  const needle = normalizeSearch(search);
  const windows = {} as BoardWindows;
  for (const status of TASK_STATUSES) {
    const group = groups[status];
    if (!needle) {
      windows[status] = { tasks: group.slice(0, limit).map((s) => s.task), total: group.length };
      continue;
    }
    const tasks: Task[] = [];
    let total = 0;
    for (const entry of group) {
      if (!entry.text.includes(needle)) continue;
      if (total++ < limit) tasks.push(entry.task);
    }
    windows[status] = { tasks, total };
  }
  return windows;
}

/**
 * Every task the list shows (filters and search), live. One RxDB query per filter change, kept
 * current by RxDB's event-reduce (a change is applied to the in-memory result, not a new scan);
 * the list sorts, groups and windows it in memory. A change after a quiet spell shows at once;
 * during a burst (a replication) the list is re-sorted at most once every LIST_REFRESH_MS, as a
 * sort of 50,000 tasks takes the main thread for a good part of a second on a busy machine.
 */
export function listTasks$(db: BatonDatabase, filters: BoardFilters, userId: string): Observable<Task[]> {
  // No sort asked of RxDB: the list sorts by its own column, so RxDB need not sort 50,000 documents
  // first. The search is not part of the query either: the list filters by it in memory
  // (searchTasks), keystroke by keystroke, without a new query of the replica each time.
  // RxDocuments serve as tasks (their fields are getters): no copy of 50,000 documents.
  return db.tasks
    .find({ selector: taskSelector(filters, userId) })
    .$.pipe(throttleTime(LIST_REFRESH_MS, asyncScheduler, { leading: true, trailing: true }));
}

/** The tasks matching the search box's text (all of them when it is empty). */
export function searchTasks(tasks: Task[], search: string): Task[] {
  const needle = normalizeSearch(search);
  return needle ? tasks.filter((task) => matchesSearch(task, needle)) : tasks;
}

export interface OwnerCounts {
  open: number;
  overdue: number;
}

/** Each owner's open and overdue tasks in the replica, live (the Staff tab). */
export function ownerCounts$(db: BatonDatabase): Observable<Map<string, OwnerCounts>> {
  const open = TASK_STATUSES.filter(isOpenStatus);
  return rescanOnChange(db, async () => {
    const now = Date.now();
    const counts = new Map<string, OwnerCounts>();
    for (const doc of await db.tasks.find({ selector: { status: { $in: open } } }).exec()) {
      const row = counts.get(doc.ownerId) ?? { open: 0, overdue: 0 };
      row.open++;
      if (isOverdue(doc, now)) row.overdue++;
      counts.set(doc.ownerId, row);
    }
    return counts;
  });
}

export function task$(db: BatonDatabase, id: string): Observable<Task | null> {
  return db.tasks.findOne(id).$.pipe(map((doc) => (doc ? plain(doc) : null)));
}

/** Refused changes the user has not dismissed yet, newest first. */
export function openRejections$(db: BatonDatabase): Observable<Rejection[]> {
  return db.rejections
    .find({ selector: { dismissed: false }, sort: [{ at: 'desc' }, { id: 'asc' }] })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Rejection)));
}

/** Every task matching the filters (search included), for the views computed in JS (the SLA views). */
export function matchingTasks$(db: BatonDatabase, filters: BoardFilters, userId: string): Observable<Task[]> {
  const selector = taskSelector({ ...filters, status: '' }, userId);
  const needle = normalizeSearch(filters.search);
  return rescanOnChange(db, async () => (await db.tasks.find({ selector }).exec()).filter((d) => matchesSearch(d, needle)).map(plain));
}
