import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import type { Task } from '../../../shared/task';
import { openBatonDatabase, type BatonDatabase } from '../../db/database';
import { createTask } from '../../db/tasks';
import { editShownTask, shownTask } from './pending-edits';

let db: BatonDatabase;
let task: Task;

beforeEach(async () => {
  db = await openBatonDatabase({
    userId: `pending-${newId()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
  });
  task = await createTask(
    db,
    {
      title: 'Call patient',
      typeId: 'general',
      queue: 'front_desk',
      locationId: 'loc-main',
      priority: 'normal',
      dueAt: new Date(Date.UTC(2026, 10, 30)).toISOString(),
      channel: 'phone',
    },
    { id: 'u-me', displayName: 'Me' },
  );
});
afterEach(() => db.close());

describe('a local edit on the board before its write commits', () => {
  it('shows at once over the edited version, and the replica has it once written', async () => {
    const written = editShownTask(db, task, { priority: 'urgent' });
    expect(shownTask(task).priority).toBe('urgent');
    await written;
    const stored = (await db.tasks.findOne(task.id).exec())!.toJSON() as Task;
    expect(stored.priority).toBe('urgent');
    expect(shownTask(stored).priority).toBe('urgent');
  });

  it('never hides a newer version of the task (a later change by anyone shows)', async () => {
    await editShownTask(db, task, { priority: 'urgent' });
    const later = { ...task, priority: 'low' as const, updatedAt: new Date(Date.parse(task.updatedAt) + 1000).toISOString() };
    expect(shownTask(later).priority).toBe('low');
  });

  it('shows nothing the replica would refuse, and takes back an edit whose write failed', async () => {
    await expect(editShownTask(db, task, { title: '' })).rejects.toThrow();
    expect(shownTask(task).title).toBe('Call patient');
    const gone = { ...task, id: 'not-in-the-replica' };
    await expect(editShownTask(db, gone, { priority: 'high' })).rejects.toThrow(/not in this replica/);
    expect(shownTask(gone).priority).toBe('normal');
  });
});
