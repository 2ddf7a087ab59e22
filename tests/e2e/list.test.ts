// The list view in the browser: every matching task in one virtualized scroll, sorted by any
// column, grouped by status or owner with counts, filtered by person.
import { beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABELS, TASK_STATUSES, type Task } from '../../shared/task';
import { PUSH_ROWS_MAX } from '../../shared/wire';
import { newTaskDoc, signIn as apiSignIn, type Api } from '../support/api';
import { ListPage } from './pages/ListPage';
import { useE2eHarness } from './support/harness';

const harness = useE2eHarness();
const poll = { timeout: 20_000, interval: 200 };
/** More tasks than one screen shows: the last is in the DOM only once scrolled to. */
const EXTRA = 60;
const PRIYA = { id: 'u-referrals', name: 'Priya Shah' };
const title = (i: number) => `Scroll check ${String(i).padStart(2, '0')}`;

let manager: Api;
/** Every task the manager (who reads every queue) has, as the server holds them. */
let tasks: Task[];

beforeAll(async () => {
  manager = await apiSignIn(harness.server.url, 'manager', 'ws-list-seeder');
  // New tasks due after every demo task, one hour apart: the last one is the list's last row by due date.
  const rows = Array.from({ length: EXTRA }, (_, i) => ({
    newDocumentState: newTaskDoc({
      title: title(i + 1),
      status: 'new',
      queue: 'front_desk',
      ownerId: i % 3 === 0 ? PRIYA.id : '',
      dueAt: new Date(Date.UTC(2030, 0, 1, i)).toISOString(),
    }),
  }));
  for (let i = 0; i < rows.length; i += PUSH_ROWS_MAX) {
    const answer = await manager.post('/api/sync/tasks/push', rows.slice(i, i + PUSH_ROWS_MAX));
    if (answer.status !== 200 || answer.body.length) throw new Error(`seeding refused: ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  tasks = (await manager.pullAll('tasks', 1000)).documents.filter((d) => !d._deleted);
}, 60_000);

async function managerList() {
  const { ws, board } = await harness.signedIn('manager');
  await board.showList();
  const list = new ListPage(ws.page);
  await expect.poll(() => list.total(), poll).toBe(tasks.length);
  return { ws, board, list };
}

describe('the list', () => {
  it('scrolls every matching task in one list, with only the rows in view in the page', async () => {
    const { list } = await managerList();
    expect(tasks.length).toBeGreaterThan(EXTRA);
    // Sorted by due date: the last seeded task is the last row, not rendered until scrolled to.
    expect(await list.sortOrder('Due')).toBe('ascending');
    expect(await list.rows().count()).toBeLessThan(tasks.length);
    expect(await list.row(title(EXTRA)).count()).toBe(0);

    await list.scrollToEnd();
    await list.row(title(EXTRA)).waitFor();
    expect(await list.rows().count()).toBeLessThan(tasks.length);
    const drawer = await list.openTask(title(EXTRA));
    expect(await drawer.title().textContent()).toBe(title(EXTRA));

    // Scrolling through reaches every task once.
    const ids = await list.taskIds();
    expect(ids).toHaveLength(tasks.length);
    expect(new Set(ids)).toEqual(new Set(tasks.map((t) => t.id)));
  });

  it('sorts by a column header both ways, and keeps the sort across a switch to the board', async () => {
    const { board, list } = await managerList();
    await list.sortBy('Task');
    expect(await list.sortOrder('Task')).toBe('ascending');
    expect(await list.sortOrder('Due')).toBeNull();
    const ascending = (await list.entries()).flatMap((e) => (e.kind === 'task' ? [e.title] : []));
    const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });
    expect(ascending).toEqual([...ascending].sort(collator.compare));
    expect(ascending).toEqual([...tasks.map((t) => t.title)].sort(collator.compare));

    await list.sortBy('Task');
    expect(await list.sortOrder('Task')).toBe('descending');
    await expect.poll(() => list.renderedTitles().then((t) => t[0]), poll).toBe(ascending[ascending.length - 1]);
    const descending = (await list.entries()).flatMap((e) => (e.kind === 'task' ? [e.title] : []));
    expect(descending).toEqual([...ascending].reverse());

    await board.showBoard();
    await board.showList();
    expect(await list.sortOrder('Task')).toBe('descending');
    expect((await list.renderedTitles())[0]).toBe(ascending[ascending.length - 1]);

    // Priority sorts by urgency: the most urgent first.
    await list.sortBy('Priority');
    await expect.poll(async () => (await board.listRows().first().textContent()) ?? '', poll).toContain('Urgent');
  });

  it('groups by status in workflow order, each group headed by its count', async () => {
    const { list } = await managerList();
    await list.groupBy('Status');
    await expect.poll(async () => (await list.renderedGroups())[0]?.label, poll).toBe(STATUS_LABELS.new);
    const entries = await list.entries();
    const expected = TASK_STATUSES.flatMap((status) => {
      const count = tasks.filter((t) => t.status === status).length;
      return count ? [{ kind: 'group', label: STATUS_LABELS[status], count: `${count} ${count === 1 ? 'task' : 'tasks'}` }] : [];
    });
    expect(entries.filter((e) => e.kind === 'group')).toEqual(expected);
    expect(entries.filter((e) => e.kind === 'task')).toHaveLength(tasks.length);

    // By owner: people by name, the unassigned last.
    await list.groupBy('Owner');
    const owners = (await list.entries()).flatMap((e) => (e.kind === 'group' ? [e.label] : []));
    expect(owners[owners.length - 1]).toBe('Unassigned');
    const named = owners.slice(0, -1);
    expect(named).toEqual([...named].sort((a, b) => a.localeCompare(b)));
    expect(named).toContain(PRIYA.name);
  });

  it("a manager's person filter lists exactly that person's tasks, each opening from the keyboard", async () => {
    const { board, list } = await managerList();
    await board.filterPerson(PRIYA.name);
    const hers = tasks.filter((t) => t.ownerId === PRIYA.id);
    expect(hers.length).toBeGreaterThanOrEqual(EXTRA / 3);
    await expect.poll(() => list.total(), poll).toBe(hers.length);
    const entries = await list.entries();
    expect(entries.map((e) => e.kind === 'task' && e.id).sort()).toEqual(hers.map((t) => t.id).sort());
    expect(entries.every((e) => e.kind === 'task' && e.owner === PRIYA.name)).toBe(true);

    // The rows take the keyboard: a focused row opens on Enter.
    const first = hers.find((t) => t.title.startsWith('Scroll check'))!;
    const drawer = await list.openTaskWithKeyboard(first.title);
    expect(await drawer.title().textContent()).toBe(first.title);
  });
});
