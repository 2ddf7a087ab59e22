// Events to notification documents: one per recipient and change (the first event naming them wins).
import { newId } from '../ids';
import { recipientsOf, type NotifyEvent, type NotifyPractice, type Person } from './recipients';
import { NO_COUNTS, type DigestCounts, type Notification } from './schema';

export function notificationsOf(
  events: readonly NotifyEvent[],
  actorId: string,
  people: readonly Person[],
  practice: NotifyPractice,
  at: string,
): Notification[] {
  const told = new Set<string>();
  const out: Notification[] = [];
  for (const event of events) {
    for (const userId of recipientsOf(event, actorId, people, practice, Date.parse(at))) {
      if (told.has(userId)) continue;
      told.add(userId);
      out.push(newNotification(userId, event.kind, event.taskId, at));
    }
  }
  return out;
}

export function newNotification(
  userId: string,
  kind: Notification['kind'],
  taskId: string,
  at: string,
  counts: DigestCounts = NO_COUNTS,
): Notification {
  return { id: newId(), userId, kind, taskId, createdAt: at, readAt: '', counts, pendingSync: false, rev: 0 };
}
