// The only words an OS notification may carry: a count and the name of a queue. Notifications show
// on a shared screen (and in the OS notification history), so nothing about a patient goes in.
import { QUEUES } from '../../shared/config/demo';
import { InboxNotice, Notice } from '../../shared/ipc/schemas';

export interface NotificationText {
  title: string;
  body: string;
}

/** A queue name we did not define may be shown only if it cannot hold a record number, date or name-with-initials. */
const SAFE_QUEUE_NAME = /^[A-Za-z][A-Za-z &'-]{0,39}$/;

export function queueLabel(queue: string): string {
  const known = Object.hasOwn(QUEUES, queue) ? QUEUES[queue] : Object.values(QUEUES).find((label) => label === queue);
  if (known) return known;
  return SAFE_QUEUE_NAME.test(queue) && !/\b[A-Z]\.\s?[A-Z]\b/.test(queue) ? queue : 'your queue';
}

/** Throws on anything but `{ count, queue }`: extra fields are refused, not dropped. */
export function notificationText(input: unknown): NotificationText {
  const notice = Notice.parse(input);
  const label = queueLabel(notice.queue);
  const items = notice.count === 1 ? '1 item' : `${notice.count} items`;
  return { title: 'Baton', body: `${items} waiting in ${label}` };
}

/** The batched notification of new items in the person's list: a count only (strict, like the above). */
export function inboxNotificationText(input: unknown): NotificationText {
  const { count } = InboxNotice.parse(input);
  return { title: 'Baton', body: count === 1 ? '1 new item in Baton' : `${count} new items in Baton` };
}
