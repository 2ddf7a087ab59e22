// The person's notifications from their replica (offline too): the list newest first with each
// task's title read from the replica (a notification holds none), the unread count, marking read,
// and their preferences. The only writes are `readAt` and their own preferences, both checked
// with the shared schemas before they reach the replica.
import { map, Observable, of, switchMap } from 'rxjs';
import { defaultPrefs, Notification, NotificationPrefs, type NotificationKind } from '../../../shared/notifications/schema';
import type { BatonDatabase } from '../../db/database';

/** How many the list shows (older ones stay in the replica). */
const LIST_LIMIT = 50;

export interface NotificationEntry {
  notification: Notification;
  /** The task's title from the replica ('' when the task is not in it, e.g. a digest). */
  title: string;
}

export function notificationList$(db: BatonDatabase): Observable<NotificationEntry[]> {
  return db.notifications.find({ sort: [{ createdAt: 'desc' }, { id: 'asc' }], limit: LIST_LIMIT }).$.pipe(
    map((docs) => docs.map((d) => d.toJSON() as Notification)),
    switchMap((list) => {
      const ids = [...new Set(list.map((n) => n.taskId).filter(Boolean))];
      const titles$ = ids.length
        ? db.tasks.findByIds(ids).$.pipe(map((found) => new Map([...found].map(([id, doc]) => [id, doc.title]))))
        : of(new Map<string, string>());
      return titles$.pipe(map((titles) => list.map((notification) => ({ notification, title: titles.get(notification.taskId) ?? '' }))));
    }),
  );
}

export function unreadCount$(db: BatonDatabase): Observable<number> {
  return db.notifications.count({ selector: { readAt: '' } }).$;
}

/** Every notification's id, kind and read state: what the OS notifier needs (no titles). */
export function arrivals$(db: BatonDatabase): Observable<Pick<Notification, 'id' | 'kind' | 'readAt'>[]> {
  return db.notifications.find().$.pipe(map((docs) => docs.map((d) => ({ id: d.id, kind: d.kind, readAt: d.readAt }))));
}

const readAtNow = (now: number) => Notification.shape.readAt.parse(new Date(now).toISOString());

export async function markRead(db: BatonDatabase, id: string, now = Date.now()): Promise<void> {
  const readAt = readAtNow(now);
  const doc = await db.notifications.findOne(id).exec();
  if (doc && doc.readAt === '') await doc.incrementalPatch({ readAt, pendingSync: true });
}

export async function markAllRead(db: BatonDatabase, now = Date.now()): Promise<void> {
  const readAt = readAtNow(now);
  for (const doc of await db.notifications.find({ selector: { readAt: '' } }).exec())
    await doc.incrementalPatch({ readAt, pendingSync: true });
}

/** The person's preferences (the defaults until they save their own). */
export function preferences$(db: BatonDatabase, userId: string): Observable<NotificationPrefs> {
  return db.preferences
    .findOne(userId)
    .$.pipe(map((doc) => (doc ? (doc.toJSON() as NotificationPrefs) : defaultPrefs(userId, new Date(0).toISOString()))));
}

export type PrefsChange = { osKinds?: NotificationKind[]; quietStart?: string; quietEnd?: string };

/** Saves the person's own preferences; throws (writing nothing) when they do not validate. */
export async function savePreferences(
  db: BatonDatabase,
  userId: string,
  change: PrefsChange,
  now = Date.now(),
): Promise<NotificationPrefs> {
  const current = await db.preferences.findOne(userId).exec();
  const base = current ? (current.toJSON() as NotificationPrefs) : defaultPrefs(userId, new Date(now).toISOString());
  const next = NotificationPrefs.parse({
    ...base,
    ...change,
    id: userId,
    userId,
    updatedAt: new Date(now).toISOString(),
    pendingSync: true,
  });
  await db.preferences.upsert(next);
  return next;
}

const KIND_TEXT: Record<Exclude<NotificationKind, 'digest'>, string> = {
  assigned: 'Assigned to you',
  returned: 'Reopened and back with you',
  decided: 'A decision on your task',
  needs_info: 'Information needed from you',
  reminder: 'Reminder: this needs you soon',
  escalated: 'Escalated to you',
};

/** What the list says of one entry: the kind, and the task's title from the replica. */
export function describeNotification({ notification: n, title }: NotificationEntry): { headline: string; detail: string } {
  if (n.kind === 'digest') {
    return {
      headline: 'Your day',
      detail: `${n.counts.overdue} overdue · ${n.counts.atRisk} at risk · ${n.counts.waiting} waiting on others`,
    };
  }
  return { headline: KIND_TEXT[n.kind], detail: title || 'A task not on your board' };
}
