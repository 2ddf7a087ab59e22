// Server rules for `notifications` (written by the server; its reader may only mark one read) and
// `preferences` (each person writes their own document, nobody else's).
import { userBucket } from '../../shared/buckets';
import { jsonEqual } from '../../shared/equal';
import { NotificationPrefsWire, NotificationWire, type Notification, type NotificationPrefs } from '../../shared/notifications/schema';
import { Refusal, type CollectionHandler } from './handler';

export const notificationsHandler: CollectionHandler<Notification> = {
  name: 'notifications',
  wire: NotificationWire,
  // Only `readAt` is the client's; everything else is the stored notification's.
  complete: (pushed, current) => ({ ...(current?.data ?? pushed), readAt: pushed.readAt, _deleted: pushed._deleted ?? false }),
  buckets: (doc) => [userBucket(doc.userId)],
  decide: ({ actor, pushed, current }) => {
    if (!current || current.deleted) throw new Refusal('forbidden', 'Notifications are written by the server', true);
    const stored = current.data as Notification;
    // Someone else's notification: refused without a word of it.
    if (stored.userId !== actor.userId) throw new Refusal('forbidden', 'Not your notification', true);
    if (pushed._deleted) throw new Refusal('forbidden', 'Notifications cannot be deleted');
    if (stored.readAt === pushed.readAt) return { kind: 'noop' };
    // Read stays read: a late push from another workstation cannot make it unread again.
    if (stored.readAt !== '') return { kind: 'answer' };
    return { kind: 'write', data: { ...stored, readAt: pushed.readAt }, deleted: false, merged: false };
  },
  stamp: ({ data, seq }) => ({ ...data, pendingSync: false, rev: seq }),
  removal: (doc) => ({ ...doc, _deleted: true }),
  recordsRejections: false,
  title: () => 'a notification',
};

export const preferencesHandler: CollectionHandler<NotificationPrefs> = {
  name: 'preferences',
  wire: NotificationPrefsWire,
  complete: (pushed, current) => ({ ...pushed, rev: current?.data.rev ?? 0, _deleted: pushed._deleted ?? false }),
  buckets: (doc) => [userBucket(doc.userId)],
  decide: ({ actor, pushed, current }) => {
    if (pushed.userId !== actor.userId || pushed.id !== actor.userId)
      throw new Refusal('forbidden', 'You may change only your own preferences', true);
    if (current && (current.data as NotificationPrefs).userId !== actor.userId)
      throw new Refusal('forbidden', 'You may change only your own preferences', true);
    if (pushed._deleted) throw new Refusal('forbidden', 'Preferences cannot be deleted');
    const stored = current && !current.deleted ? (current.data as NotificationPrefs) : undefined;
    // A retried push of what is stored writes nothing.
    if (stored && jsonEqual([stored.osKinds, stored.quietStart, stored.quietEnd], [pushed.osKinds, pushed.quietStart, pushed.quietEnd]))
      return { kind: 'noop' };
    // The last write wins: a person's own preferences have one author.
    return { kind: 'write', data: pushed, deleted: false, merged: false };
  },
  stamp: ({ data, seq }) => ({ ...data, pendingSync: false, rev: seq }),
  removal: (doc) => ({ ...doc, _deleted: true }),
  recordsRejections: true,
  title: () => 'your notification preferences',
};
