// The list's rows: the matching tasks sorted by a column and, when grouped, under a header row per
// owner, status or queue with its count. Pure and in memory: a new sort or grouping reorders what
// the replica already returned instead of querying it again. Built for 50,000 tasks: every sort
// key is computed once per task (labels once per distinct value), then compared as numbers.
import { PRIORITIES, STATUS_LABELS, TASK_STATUSES, type Task } from '../../../shared/task';
import type { ListColumn, ListGroupBy, ListSort } from '../board';

export type ListTask = Pick<Task, 'id' | 'title' | 'patientRef' | 'typeId' | 'queue' | 'status' | 'priority' | 'dueAt' | 'ownerId'>;

/** Display labels the list shows, so it sorts as a person reads it (owner name, queue label). */
export interface ListLabels {
  type(typeId: string): string;
  queue(queue: string): string;
  /** '' is nobody: "Unassigned". */
  owner(ownerId: string): string;
}

export interface GroupRow {
  kind: 'group';
  key: string;
  label: string;
  count: number;
}
interface TaskRow<T> {
  kind: 'task';
  task: T;
}
export type ListRow<T> = GroupRow | TaskRow<T>;

const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });

/** Most urgent first when ascending: "by urgency". */
const PRIORITY_RANK = new Map<string, number>([...PRIORITIES].reverse().map((p, i) => [p, i]));
/** The workflow's order (triage first, closed last). */
const STATUS_RANK = new Map<string, number>(TASK_STATUSES.map((s, i) => [s, i]));

/** A rank that sorts after every real one: no owner, no due date. */
const LAST = Number.MAX_SAFE_INTEGER;

/**
 * Ranks each distinct text by the collator (ties share a rank). Sorting the distinct values once
 * is far cheaper than comparing strings 800,000 times.
 */
function textRanks(values: Iterable<string>): Map<string, number> {
  const distinct = [...new Set(values)].sort(collator.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  distinct.forEach((value, i) => {
    if (i > 0 && collator.compare(distinct[i - 1], value) !== 0) rank = i;
    ranks.set(value, rank);
  });
  return ranks;
}

/** Each task's key for a column, a number where smaller sorts first ascending. */
function columnKeys(tasks: readonly ListTask[], column: ListColumn, labels: ListLabels): number[] {
  const byText = (text: (t: ListTask) => string) => {
    const texts = tasks.map(text);
    const ranks = textRanks(texts);
    return texts.map((v) => ranks.get(v)!);
  };
  switch (column) {
    case 'title':
      return byText((t) => t.title);
    case 'patient':
      return byText((t) => t.patientRef);
    case 'type':
      return byLabel(tasks, (t) => t.typeId, labels.type);
    case 'queue':
      return byLabel(tasks, (t) => t.queue, labels.queue);
    case 'owner':
      return ownerKeys(tasks, labels);
    case 'status':
      return tasks.map((t) => STATUS_RANK.get(t.status) ?? LAST);
    case 'priority':
      return tasks.map((t) => PRIORITY_RANK.get(t.priority) ?? LAST);
    case 'due':
      return tasks.map((t) => {
        const at = Date.parse(t.dueAt);
        return Number.isNaN(at) ? LAST : at;
      });
  }
}

/** Keys by the label of an id, each distinct id labelled and ranked once. */
function byLabel(tasks: readonly ListTask[], id: (t: ListTask) => string, label: (id: string) => string): number[] {
  const ids = [...new Set(tasks.map(id))];
  const labelOf = new Map(ids.map((i) => [i, label(i)]));
  const ranks = textRanks(labelOf.values());
  const rankOf = new Map(ids.map((i) => [i, ranks.get(labelOf.get(i)!)!]));
  return tasks.map((t) => rankOf.get(id(t))!);
}

/** Owners by name, "Unassigned" after everyone. */
function ownerKeys(tasks: readonly ListTask[], labels: ListLabels): number[] {
  const keys = byLabel(tasks, (t) => t.ownerId, labels.owner);
  return tasks.map((t, i) => (t.ownerId ? keys[i] : LAST));
}

const GROUP_COLUMN: Record<Exclude<ListGroupBy, 'none'>, ListColumn> = { owner: 'owner', status: 'status', queue: 'queue' };
const groupKey: Record<Exclude<ListGroupBy, 'none'>, (t: ListTask) => string> = {
  owner: (t) => t.ownerId,
  status: (t) => t.status,
  queue: (t) => t.queue,
};

/**
 * The rows to show: tasks in `sort` order (ties soonest due, then by id, so the order never
 * jumps), and with a grouping, groups in their natural order (status by workflow, owner by name
 * with "Unassigned" last, queue by label), each led by its header row.
 */
export function listRows<T extends ListTask>(tasks: readonly T[], sort: ListSort, groupBy: ListGroupBy, labels: ListLabels): ListRow<T>[] {
  const keys = columnKeys(tasks, sort.column, labels);
  const due = sort.column === 'due' ? keys : columnKeys(tasks, 'due', labels);
  const groups = groupBy === 'none' ? null : columnKeys(tasks, GROUP_COLUMN[groupBy], labels);
  const keyOf = groupBy === 'none' ? null : groupKey[groupBy];
  const groupKeys = keyOf ? tasks.map(keyOf) : [];
  const ids = tasks.map((t) => t.id);
  const flip = sort.direction === 'desc' ? -1 : 1;
  const order = tasks.map((_, i) => i);
  order.sort((a, b) => {
    if (groups && groups[a] !== groups[b]) return groups[a] - groups[b];
    // Two owners or queues with the same name stay two groups.
    if (groups && groupKeys[a] !== groupKeys[b]) return groupKeys[a] < groupKeys[b] ? -1 : 1;
    const ka = keys[a];
    const kb = keys[b];
    // Missing values (no owner, no due date) stay last whichever way the column sorts.
    if (ka !== kb) return ka === LAST ? 1 : kb === LAST ? -1 : (ka - kb) * flip;
    if (due[a] !== due[b]) return due[a] - due[b];
    return ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0;
  });
  if (!keyOf) return order.map((i) => ({ kind: 'task', task: tasks[i] }));

  const label = (t: ListTask) =>
    groupBy === 'owner' ? labels.owner(t.ownerId) : groupBy === 'queue' ? labels.queue(t.queue) : STATUS_LABELS[t.status];
  const counts = new Map<string, number>();
  for (const key of groupKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const rows: ListRow<T>[] = [];
  let current: string | undefined;
  for (const i of order) {
    const key = groupKeys[i];
    if (key !== current) {
      current = key;
      rows.push({ kind: 'group', key, label: label(tasks[i]), count: counts.get(key)! });
    }
    rows.push({ kind: 'task', task: tasks[i] });
  }
  return rows;
}
