import { describe, expect, it } from 'vitest';
import type { ListSort } from '../board';
import { listRows, type ListLabels, type ListRow, type ListTask } from './list-rows';

const NAMES: Record<string, string> = { 'u-zoe': 'Zoe Adams', 'u-amy': 'Amy Brown', 'u-bob': 'bob Chen' };
const QUEUES: Record<string, string> = { billing: 'Billing', front_desk: 'Front desk', referrals: 'Referrals' };
const labels: ListLabels = {
  type: (id) => (id === 'mri' ? 'MRI prior-auth' : 'General task'),
  queue: (id) => QUEUES[id] ?? id,
  owner: (id) => (id ? (NAMES[id] ?? id) : 'Unassigned'),
};

let n = 0;
function task(over: Partial<ListTask>): ListTask {
  n++;
  return {
    id: `t-${String(n).padStart(3, '0')}`,
    title: `Task ${n}`,
    patientRef: `MRN ${n}`,
    typeId: 'general',
    queue: 'front_desk',
    status: 'new',
    priority: 'normal',
    dueAt: '2026-11-10T09:00:00.000Z',
    ownerId: '',
    ...over,
  };
}

const titles = (rows: ListRow<ListTask>[]) => rows.map((r) => (r.kind === 'task' ? r.task.title : `# ${r.label} (${r.count})`));
const sorted = (tasks: ListTask[], sort: ListSort) => titles(listRows(tasks, sort, 'none', labels));

describe('sorting the list by a column', () => {
  it('sorts titles as a person reads them: case-insensitive, numbers by value, and backwards on desc', () => {
    const tasks = [task({ title: 'call 10' }), task({ title: 'Call 9' }), task({ title: 'alpha' })];
    expect(sorted(tasks, { column: 'title', direction: 'asc' })).toEqual(['alpha', 'Call 9', 'call 10']);
    expect(sorted(tasks, { column: 'title', direction: 'desc' })).toEqual(['call 10', 'Call 9', 'alpha']);
    const accented = [task({ title: 'Zoe' }), task({ title: 'Émile' }), task({ title: 'Eve' })];
    expect(sorted(accented, { column: 'title', direction: 'asc' })).toEqual(['Émile', 'Eve', 'Zoe']);
  });

  it('sorts owners by name with Unassigned last both ways', () => {
    const tasks = [
      task({ title: 'none', ownerId: '' }),
      task({ title: 'zoe', ownerId: 'u-zoe' }),
      task({ title: 'bob', ownerId: 'u-bob' }),
    ];
    expect(sorted(tasks, { column: 'owner', direction: 'asc' })).toEqual(['bob', 'zoe', 'none']);
    expect(sorted(tasks, { column: 'owner', direction: 'desc' })).toEqual(['zoe', 'bob', 'none']);
  });

  it('sorts queues and types by their labels, not their keys', () => {
    const tasks = [
      task({ title: 'r', queue: 'referrals' }),
      task({ title: 'f', queue: 'front_desk' }),
      task({ title: 'b', queue: 'billing' }),
    ];
    expect(sorted(tasks, { column: 'queue', direction: 'asc' })).toEqual(['b', 'f', 'r']);
    const typed = [task({ title: 'mri', typeId: 'mri' }), task({ title: 'general', typeId: 'general' })];
    expect(sorted(typed, { column: 'type', direction: 'asc' })).toEqual(['general', 'mri']);
  });

  it('sorts priority by urgency (most urgent first) and status in workflow order', () => {
    const tasks = [
      task({ title: 'low', priority: 'low' }),
      task({ title: 'urgent', priority: 'urgent' }),
      task({ title: 'high', priority: 'high' }),
    ];
    expect(sorted(tasks, { column: 'priority', direction: 'asc' })).toEqual(['urgent', 'high', 'low']);
    const flow = [
      task({ title: 'done', status: 'done' }),
      task({ title: 'new', status: 'new' }),
      task({ title: 'waiting', status: 'waiting' }),
    ];
    expect(sorted(flow, { column: 'status', direction: 'asc' })).toEqual(['new', 'waiting', 'done']);
  });

  it('sorts by due time, ties soonest due then by id, and a task without a valid due date last', () => {
    const tasks = [
      task({ title: 'late', dueAt: '2026-11-12T09:00:00.000Z' }),
      task({ title: 'none', dueAt: '' }),
      task({ title: 'soon', dueAt: '2026-11-09T09:00:00.000Z' }),
      task({ title: 'soon too', dueAt: '2026-11-09T09:00:00.000Z' }),
    ];
    expect(sorted(tasks, { column: 'due', direction: 'asc' })).toEqual(['soon', 'soon too', 'late', 'none']);
    expect(sorted(tasks, { column: 'due', direction: 'desc' })).toEqual(['late', 'soon', 'soon too', 'none']);
    // Equal keys fall back to due date: the same priority keeps the soonest first.
    expect(sorted(tasks.slice(0, 3), { column: 'priority', direction: 'desc' })).toEqual(['soon', 'late', 'none']);
  });
});

describe('grouping the list', () => {
  const byDue: ListSort = { column: 'due', direction: 'asc' };

  it('groups by status in workflow order, each group headed by its label and count', () => {
    const tasks = [
      task({ title: 'd1', status: 'done' }),
      task({ title: 'n1', status: 'new' }),
      task({ title: 'w1', status: 'waiting' }),
      task({ title: 'n2', status: 'new', dueAt: '2026-11-01T09:00:00.000Z' }),
    ];
    expect(titles(listRows(tasks, byDue, 'status', labels))).toEqual([
      '# New (triage) (2)',
      'n2',
      'n1',
      '# Waiting (1)',
      'w1',
      '# Done (1)',
      'd1',
    ]);
  });

  it('groups by owner by name with Unassigned last, sorting within each group by the chosen column', () => {
    const tasks = [
      task({ title: 'x', ownerId: '' }),
      task({ title: 'b', ownerId: 'u-zoe' }),
      task({ title: 'a', ownerId: 'u-zoe' }),
      task({ title: 'c', ownerId: 'u-amy' }),
    ];
    expect(titles(listRows(tasks, { column: 'title', direction: 'desc' }, 'owner', labels))).toEqual([
      '# Amy Brown (1)',
      'c',
      '# Zoe Adams (2)',
      'b',
      'a',
      '# Unassigned (1)',
      'x',
    ]);
  });

  it('groups by queue label and keeps two queues of the same name apart', () => {
    const same: ListLabels = { ...labels, queue: (id) => (id === 'billing_2' ? 'Billing' : labels.queue(id)) };
    const tasks = [
      task({ title: 'f', queue: 'front_desk' }),
      task({ title: 'b2', queue: 'billing_2' }),
      task({ title: 'b', queue: 'billing' }),
      task({ title: 'b2 again', queue: 'billing_2' }),
    ];
    expect(titles(listRows(tasks, byDue, 'queue', same))).toEqual([
      '# Billing (1)',
      'b',
      '# Billing (2)',
      'b2',
      'b2 again',
      '# Front desk (1)',
      'f',
    ]);
  });

  it('sorts and groups 50,000 tasks, every task once', () => {
    const owners = ['u-zoe', 'u-amy', 'u-bob', ''];
    const statuses = ['new', 'ready', 'waiting', 'done'] as const;
    const many = Array.from({ length: 50_000 }, (_, i) =>
      task({
        title: `Bulk ${(i * 7919) % 50_000}`,
        ownerId: owners[i % 4],
        status: statuses[i % 3],
        dueAt: new Date(Date.UTC(2026, 10, 1 + (i % 60))).toISOString(),
      }),
    );
    const rows = listRows(many, { column: 'title', direction: 'asc' }, 'owner', labels);
    const tasks = rows.filter((r) => r.kind === 'task');
    expect(tasks).toHaveLength(50_000);
    expect(new Set(tasks.map((r) => r.task.id)).size).toBe(50_000);
    expect(titles(rows.filter((r) => r.kind === 'group'))).toEqual([
      '# Amy Brown (12500)',
      '# bob Chen (12500)',
      '# Zoe Adams (12500)',
      '# Unassigned (12500)',
    ]);
    const first = tasks.slice(0, 3).map((r) => r.task.title);
    expect(first).toEqual([...first].sort((a, b) => a.localeCompare(b, 'en-US', { numeric: true })));
  });
});
