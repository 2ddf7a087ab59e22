// RxDB JSON schemas of the replicated collections (the local replica's shape), generated from the
// zod schemas by rx-schema-adapter.ts. Changing one needs a new version and a migration (rx-migrations.ts).
import { replicaSchema } from './rx-schema-adapter';
import { PHI_TASK_FIELDS, Task } from './task';
import { PHI_REJECTION_FIELDS, Rejection } from './rejection';
import { ConfigDoc } from './config/schemas';
import { Notification, NotificationPrefs } from './notifications/schema';

export const taskRxSchema = replicaSchema(Task, {
  title: 'tasks',
  // 1: attachments (rx-migrations.ts).
  version: 1,
  primaryKey: 'id',
  indexes: [['status', 'dueAt'], 'pendingSync', ['ownerId', 'status'], ['queue', 'status', 'dueAt']],
  sealed: PHI_TASK_FIELDS,
  maxLength: { status: 16, priority: 8, channel: 20, waitingOn: 16 },
  maximum: { reworkCount: 1e9 },
});

export const rejectionRxSchema = replicaSchema(Rejection, {
  title: 'rejections',
  version: 0,
  primaryKey: 'id',
  indexes: ['pendingSync'],
  sealed: PHI_REJECTION_FIELDS,
});

export const configRxSchema = replicaSchema(ConfigDoc, {
  title: 'config',
  version: 0,
  primaryKey: 'id',
  indexes: ['kind', 'pendingSync'],
  maxLength: { kind: 20 },
});

export const notificationRxSchema = replicaSchema(Notification, {
  title: 'notifications',
  version: 0,
  primaryKey: 'id',
  indexes: ['createdAt', 'pendingSync', 'readAt'],
  maxLength: { kind: 16 },
});

export const preferencesRxSchema = replicaSchema(NotificationPrefs, {
  title: 'preferences',
  version: 0,
  primaryKey: 'id',
  indexes: ['pendingSync'],
  maxLength: { quietStart: 5, quietEnd: 5 },
});
