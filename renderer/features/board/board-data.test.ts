import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom, filter } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { EMPTY_FILTERS } from './board-filters';
import { openBatonDatabase, type BatonDatabase } from '../../db/database';
import {
  boardGroups$,
  boardNeedsScan,
  boardWindows,
  columnWindow$,
  listTasks$,
  openRejections$,
  ownerCounts$,
  searchTasks,
} from './board-data';
import { createTask } from '../../db/tasks';

const actor = { id: 'u-me', displayName: 'Me' };
let db: BatonDatabase;

beforeEach(async () => {
  db = await openBatonDatabase({
    userId: `board-${newId()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
  });
});
afterEach(() => db.close());

async function seed(count: number, extra: (i: number) => object = () => ({})) {
  for (let i = 0; i < count; i++) {
    await createTask(
      db,
      {
        title: `Task ${i}`,
        typeId: 'general',
        queue: i % 2 ? 'billing' : 'front_desk',
        locationId: 'loc-main',
        priority: i % 3 ? 'normal' : 'urgent',
        dueAt: new Date(Date.UTC(2026, 10, 1 + (i % 28))).toISOString(),
        channel: 'phone',
        patientRef: `MRN ${100000 + i}`,
        ...extra(i),
      },
      actor,
    );
  }
}

describe('board data', () => {
  it("a manager's person filter, the dashboard's exact task list and each owner's counts", async () => {
    const owners = ['u-b', 'u-a', '', 'u-a'];
    await seed(8, (i) => ({ ownerId: owners[i % 4] }));
    const person = await firstValueFrom(listTasks$(db, { ...EMPTY_FILTERS, ownerId: 'u-a' }, actor.id));
    expect(person).toHaveLength(4);
    expect(person.every((t) => t.ownerId === 'u-a')).toBe(true);
    const picked = person.slice(0, 2).map((t) => t.id);
    const exact = await firstValueFrom(listTasks$(db, { ...EMPTY_FILTERS, taskIds: picked, taskIdsLabel: 'x' }, actor.id));
    expect(exact.map((t) => t.id).sort()).toEqual([...picked].sort());
    const none = await firstValueFrom(listTasks$(db, { ...EMPTY_FILTERS, taskIds: [], taskIdsLabel: 'x' }, actor.id));
    expect(none).toHaveLength(0);
    const all = await firstValueFrom(listTasks$(db, EMPTY_FILTERS, actor.id));
    const counts = await firstValueFrom(ownerCounts$(db));
    const overdue = (id: string) => all.filter((t) => t.ownerId === id && Date.parse(t.dueAt) < Date.now()).length;
    expect(Object.fromEntries(counts)).toEqual({
      '': { open: 2, overdue: overdue('') },
      'u-a': { open: 4, overdue: overdue('u-a') },
      'u-b': { open: 2, overdue: overdue('u-b') },
    });
  });

  it('caps a column and counts the rest, sorted by due date', async () => {
    await seed(30);
    const win = await firstValueFrom(columnWindow$(db, 'new', EMPTY_FILTERS, actor.id, 10));
    expect(win.total).toBe(30);
    expect(win.tasks).toHaveLength(10);
    const dues = win.tasks.map((t) => t.dueAt);
    expect([...dues].sort()).toEqual(dues);
  });

  it('counts with filters that no index covers', async () => {
    await seed(30);
    const filters = { ...EMPTY_FILTERS, queue: 'billing', priority: 'urgent' as const };
    const win = await firstValueFrom(columnWindow$(db, 'new', filters, actor.id, 3));
    expect(win.total).toBe(5);
    expect(win.tasks.every((t) => t.queue === 'billing' && t.priority === 'urgent')).toBe(true);
  });

  it('searches title and patient reference case-insensitively', async () => {
    await seed(30);
    const byRef = await firstValueFrom(columnWindow$(db, 'new', { ...EMPTY_FILTERS, search: 'mrn 100012' }, actor.id, 10));
    expect(byRef.tasks.map((t) => t.title)).toEqual(['Task 12']);
    // The list queries the other filters once and searches what it holds, keystroke by keystroke.
    const listed = await firstValueFrom(listTasks$(db, { ...EMPTY_FILTERS, search: 'TASK 2' }, actor.id));
    expect(listed).toHaveLength(30);
    expect(searchTasks(listed, 'TASK 2')).toHaveLength(11); // Task 2, Task 20..29
    expect(searchTasks(listed, '  mrn 100012 ').map((t) => t.title)).toEqual(['Task 12']);
    expect(searchTasks(listed, '')).toBe(listed);
  });

  it('answers every column from one scan when searching or filtering by queue', async () => {
    await seed(30, (i) => ({ status: (['new', 'ready', 'done'] as const)[i % 3] }));
    const filters = { ...EMPTY_FILTERS, queue: 'billing' };
    expect(boardNeedsScan(filters, actor.id)).toBe(true);
    expect(boardNeedsScan({ ...EMPTY_FILTERS, owner: 'mine' }, actor.id)).toBe(false);
    const windows = boardWindows(await firstValueFrom(boardGroups$(db, filters, actor.id)), '', 2);
    expect(windows.ready.total).toBe(5);
    expect(windows.ready.tasks).toHaveLength(2);
    expect(windows.in_progress.total).toBe(0);
    // The search is applied to the same scan in memory, keystroke by keystroke.
    const groups = await firstValueFrom(boardGroups$(db, { ...EMPTY_FILTERS, search: 'ignored here' }, actor.id));
    const searched = boardWindows(groups, ' MRN 100013', 2);
    expect(searched.ready.tasks.map((t) => t.title)).toEqual(['Task 13']);
    expect(searched.new.total + searched.done.total).toBe(0);
    const byTitle = boardWindows(groups, 'task 1', 2);
    expect(byTitle.new.total + byTitle.ready.total + byTitle.done.total).toBe(11); // Task 1, Task 10..19
    expect(byTitle.ready.tasks.map((t) => t.title)).toEqual(['Task 1', 'Task 10']); // by due date
    expect(byTitle.ready.total).toBe(5); // Task 1, 10, 13, 16, 19
  });

  it('lists every matching task, mine only when asked, and follows changes to the replica', async () => {
    await seed(12, (i) => ({ ownerId: i < 4 ? actor.id : '' }));
    expect(await firstValueFrom(listTasks$(db, EMPTY_FILTERS, actor.id))).toHaveLength(12);
    const mine$ = listTasks$(db, { ...EMPTY_FILTERS, owner: 'mine' }, actor.id);
    expect(await firstValueFrom(mine$)).toHaveLength(4);
    const fifth = firstValueFrom(mine$.pipe(filter((tasks) => tasks.length === 5)));
    await seed(1, () => ({ ownerId: actor.id }));
    expect((await fifth).map((t) => t.ownerId)).toEqual(Array(5).fill(actor.id));
  });

  it('lists refused changes the user has not dismissed', async () => {
    const base = {
      userId: actor.id,
      docCollection: 'tasks',
      docId: 'd',
      docTitle: 'T',
      code: 'invalid_document',
      message: 'm',
      attempted: {},
      pendingSync: false,
      rev: 1,
    };
    await db.rejections.bulkInsert([
      { ...base, id: 'r1', at: '2026-11-23T10:00:00.000Z', dismissed: false },
      { ...base, id: 'r2', at: '2026-11-23T11:00:00.000Z', dismissed: false },
      { ...base, id: 'r3', at: '2026-11-23T12:00:00.000Z', dismissed: true },
    ] as never[]);
    const open = await firstValueFrom(openRejections$(db).pipe(filter((r) => r.length > 0)));
    expect(open.map((r) => r.id)).toEqual(['r2', 'r1']);
  });

  it('finds a task by patient reference in an encrypted replica (PHI is matched in JS after decryption)', async () => {
    const sealed = await openBatonDatabase({
      userId: `board-enc-${newId()}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      multiInstance: false,
      encryptionKey: 'a1'.repeat(32),
    });
    try {
      const draft = (patientRef: string) => ({
        title: 'Prior auth',
        typeId: 'general',
        queue: 'front_desk',
        locationId: 'loc-main',
        priority: 'normal' as const,
        dueAt: new Date(Date.UTC(2026, 10, 30)).toISOString(),
        channel: 'phone' as const,
        patientRef,
      });
      await createTask(sealed, draft('MRN 1002001 A.B.'), actor);
      const wanted = await createTask(sealed, draft('MRN 1002002 C.D.'), actor);
      const win = await firstValueFrom(
        columnWindow$(sealed, 'new', { ...EMPTY_FILTERS, search: 'MRN 1002002' }, actor.id, 10).pipe(filter((w) => w.total > 0)),
      );
      expect(win.tasks.map((t) => t.id)).toEqual([wanted.id]);
    } finally {
      await sealed.close();
    }
  });
});
