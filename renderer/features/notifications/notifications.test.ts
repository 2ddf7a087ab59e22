// The bell's data from the replica alone (offline): newest first with titles from the replica,
// the unread count, marking one or all read, and preferences that validate before they are kept.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { filter, firstValueFrom } from 'rxjs';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { newNotification } from '../../../shared/notifications/create';
import { openBatonDatabase, type BatonDatabase } from '../../db/database';
import { markAllRead, markRead, notificationList$, preferences$, savePreferences, unreadCount$ } from './notifications';
import { createTask } from '../../db/tasks';

let db: BatonDatabase;
beforeEach(async () => {
  db = await openBatonDatabase({ userId: 'u1', name: `n${newId().slice(0, 8)}`, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) });
});
afterEach(() => db.close());

describe('notifications in the replica', () => {
  it('lists newest first with the task title from the replica, counts unread, marks read', async () => {
    const draft = {
      title: 'Call back about refill',
      typeId: 'general',
      queue: 'front_desk',
      locationId: 'loc-main',
      priority: 'normal',
      dueAt: '2026-03-10T12:00:00.000Z',
      channel: 'phone',
    } as const;
    const task = await createTask(db, draft, { id: 'u1', displayName: 'One' });
    await db.notifications.bulkInsert([
      { ...newNotification('u1', 'assigned', task.id, '2026-03-09T10:00:00.000Z'), id: 'n-old' },
      { ...newNotification('u1', 'decided', 'not-in-replica', '2026-03-09T11:00:00.000Z'), id: 'n-mid' },
      { ...newNotification('u1', 'digest', '', '2026-03-09T12:00:00.000Z', { overdue: 2, atRisk: 1, waiting: 0 }), id: 'n-new' },
    ]);
    const list = await firstValueFrom(notificationList$(db));
    expect(list.map((e) => [e.notification.id, e.title])).toEqual([
      ['n-new', ''],
      ['n-mid', ''],
      ['n-old', 'Call back about refill'],
    ]);
    expect(await firstValueFrom(unreadCount$(db))).toBe(3);

    await markRead(db, 'n-old', Date.parse('2026-03-09T13:00:00Z'));
    expect((await db.notifications.findOne('n-old').exec())!.toJSON()).toMatchObject({
      readAt: '2026-03-09T13:00:00.000Z',
      pendingSync: true,
    });
    expect(await firstValueFrom(unreadCount$(db).pipe(filter((n) => n === 2)))).toBe(2);
    await markAllRead(db);
    expect(await firstValueFrom(unreadCount$(db).pipe(filter((n) => n === 0)))).toBe(0);
  });

  it('preferences: defaults until saved, saved only when valid', async () => {
    expect((await firstValueFrom(preferences$(db, 'u1'))).osKinds).toContain('digest');
    await savePreferences(db, 'u1', { osKinds: ['assigned'], quietStart: '22:00', quietEnd: '07:00' });
    expect(await firstValueFrom(preferences$(db, 'u1').pipe(filter((p) => p.quietStart === '22:00')))).toMatchObject({
      osKinds: ['assigned'],
      pendingSync: true,
    });
    await expect(savePreferences(db, 'u1', { quietStart: '22:00', quietEnd: '' })).rejects.toThrow(/quiet hours/i);
    await expect(savePreferences(db, 'u1', { quietStart: '9am', quietEnd: '10:00' })).rejects.toThrow();
    expect((await db.preferences.findOne('u1').exec())!.quietEnd).toBe('07:00');
  });
});
