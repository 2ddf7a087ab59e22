// RxDB JSON schemas of the replicated collections (the local replica's shape; mirrors the zod schemas).
import type { RxJsonSchema } from 'rxdb';
import type { Task } from './task';
import type { Rejection } from './rejection';
import type { ConfigDoc } from './config/schemas';
import type { Notification, NotificationPrefs } from './notifications/schema';

const str = (maxLength?: number) => (maxLength ? { type: 'string' as const, maxLength } : { type: 'string' as const });
const objArray = { type: 'array', items: { type: 'object' } } as const;
const rev = { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 } as const;

export const taskRxSchema: RxJsonSchema<Task> = {
  title: 'tasks',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    title: str(),
    status: str(16),
    typeId: str(64),
    queue: str(64),
    locationId: str(64),
    priority: str(8),
    ownerId: str(64),
    dueAt: str(40),
    channel: str(20),
    patientRef: str(),
    description: str(),
    category: str(64),
    providerId: str(64),
    waitingOn: str(16),
    reasonCode: str(64),
    reasonNote: str(),
    outcome: str(64),
    checklist: objArray,
    reviewerId: str(64),
    followUpOf: str(64),
    suggestedCategory: str(64),
    suggestionConfidence: { type: 'number', minimum: 0, maximum: 1 },
    notes: objArray,
    createdAt: str(40),
    createdBy: str(64),
    updatedAt: str(40),
    pendingSync: { type: 'boolean' },
    rev,
    serverUpdatedAt: str(40),
    updatedBy: str(64),
    history: objArray,
    reworkCount: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
    statusSince: str(40),
    ownerSince: str(40),
  },
  required: [
    'id', 'title', 'status', 'typeId', 'queue', 'locationId', 'priority', 'ownerId', 'dueAt', 'channel',
    'patientRef', 'description', 'category', 'providerId', 'waitingOn', 'reasonCode', 'reasonNote', 'outcome',
    'checklist', 'reviewerId', 'followUpOf', 'suggestedCategory', 'suggestionConfidence', 'notes', 'createdAt',
    'createdBy', 'updatedAt', 'pendingSync', 'rev', 'serverUpdatedAt', 'updatedBy', 'history', 'reworkCount',
    'statusSince', 'ownerSince',
  ],
  indexes: [['status', 'dueAt'], 'pendingSync', ['ownerId', 'status'], ['queue', 'status', 'dueAt']],
};

export const rejectionRxSchema: RxJsonSchema<Rejection> = {
  title: 'rejections',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    userId: str(64),
    docCollection: str(64),
    docId: str(64),
    docTitle: str(),
    at: str(40),
    code: str(64),
    message: str(),
    attempted: { type: 'object' },
    dismissed: { type: 'boolean' },
    pendingSync: { type: 'boolean' },
    rev,
  },
  required: ['id', 'userId', 'docCollection', 'docId', 'docTitle', 'at', 'code', 'message', 'attempted', 'dismissed', 'pendingSync', 'rev'],
  indexes: ['pendingSync'],
};

export const configRxSchema: RxJsonSchema<ConfigDoc> = {
  title: 'config',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    kind: str(20),
    locationId: str(64),
    body: { type: 'object' },
    updatedAt: str(40),
    pendingSync: { type: 'boolean' },
    rev,
    updatedBy: str(64),
  },
  required: ['id', 'kind', 'locationId', 'body', 'updatedAt', 'pendingSync', 'rev', 'updatedBy'],
  indexes: ['kind', 'pendingSync'],
};

const count = { type: 'integer', minimum: 0, maximum: 1e6, multipleOf: 1 } as const;

export const notificationRxSchema: RxJsonSchema<Notification> = {
  title: 'notifications',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    userId: str(64),
    kind: str(16),
    taskId: str(64),
    createdAt: str(40),
    readAt: str(40),
    counts: { type: 'object', properties: { overdue: count, atRisk: count, waiting: count }, required: ['overdue', 'atRisk', 'waiting'], additionalProperties: false },
    pendingSync: { type: 'boolean' },
    rev,
  },
  required: ['id', 'userId', 'kind', 'taskId', 'createdAt', 'readAt', 'counts', 'pendingSync', 'rev'],
  indexes: ['createdAt', 'pendingSync', 'readAt'],
};

export const preferencesRxSchema: RxJsonSchema<NotificationPrefs> = {
  title: 'preferences',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    userId: str(64),
    osKinds: { type: 'array', items: { type: 'string' } },
    quietStart: str(5),
    quietEnd: str(5),
    updatedAt: str(40),
    pendingSync: { type: 'boolean' },
    rev,
  },
  required: ['id', 'userId', 'osKinds', 'quietStart', 'quietEnd', 'updatedAt', 'pendingSync', 'rev'],
  indexes: ['pendingSync'],
};
