// A notification: a pointer to a task and why it concerns its one reader. It holds no PHI (no
// patient reference, request text, notes or title): the app shows the task from the replica.
import { z } from 'zod';

export const NOTIFICATION_KINDS = ['assigned', 'returned', 'decided', 'needs_info', 'reminder', 'escalated', 'digest'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

const isoDate = z.iso.datetime({ offset: true });
const count = z.number().int().min(0).max(1_000_000);

/** What a digest counts (zeros on every other kind). */
export const DigestCounts = z.strictObject({ overdue: count, atRisk: count, waiting: count });
export type DigestCounts = z.infer<typeof DigestCounts>;
export const NO_COUNTS: DigestCounts = { overdue: 0, atRisk: 0, waiting: 0 };

export const Notification = z.strictObject({
  id: z.string().min(1).max(64),
  /** The one person who reads it. */
  userId: z.string().min(1).max(64),
  kind: NotificationKind,
  /** '' for a digest. */
  taskId: z.string().max(64),
  createdAt: isoDate,
  /** '' while unread: the only field a client may set. */
  readAt: z.union([isoDate, z.literal('')]),
  counts: DigestCounts,
  pendingSync: z.boolean(),
  rev: z.number().int().nonnegative(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationWire = Notification.extend({ _deleted: z.boolean() });
export type NotificationWire = z.infer<typeof NotificationWire>;

/** Per-person notification preferences: one document per person, only they write it. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
export const NotificationPrefs = z
  .strictObject({
    /** The person's user id (one document each). */
    id: z.string().min(1).max(64),
    userId: z.string().min(1).max(64),
    /** Kinds that raise an OS notification (the list shows every kind). */
    osKinds: z.array(NotificationKind).max(NOTIFICATION_KINDS.length),
    /** Quiet hours in the person's location time zone ('' both = none); may wrap midnight. */
    quietStart: z.union([hhmm, z.literal('')]),
    quietEnd: z.union([hhmm, z.literal('')]),
    updatedAt: isoDate,
    pendingSync: z.boolean(),
    rev: z.number().int().nonnegative(),
  })
  .refine((p) => (p.quietStart === '') === (p.quietEnd === ''), {
    message: 'Set both ends of the quiet hours, or neither',
    path: ['quietEnd'],
  })
  .refine((p) => p.quietStart === '' || p.quietStart !== p.quietEnd, {
    message: 'Quiet hours must not start and end at the same time',
    path: ['quietEnd'],
  });
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;
export const NotificationPrefsWire = z.intersection(NotificationPrefs, z.object({ _deleted: z.boolean() }));
export type NotificationPrefsWire = z.infer<typeof NotificationPrefsWire>;

export function defaultPrefs(userId: string, at: string): NotificationPrefs {
  return { id: userId, userId, osKinds: [...NOTIFICATION_KINDS], quietStart: '', quietEnd: '', updatedAt: at, pendingSync: false, rev: 0 };
}
