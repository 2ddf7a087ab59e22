// The replica schemas generated from the zod schemas (rx-schema-adapter.ts) must be, field by field,
// the ones the replicas on workstations were made with (version 0, hand-written until then): RxDB
// hashes a schema and refuses to open a replica whose stored hash differs. A change that fails here
// needs a new version, a migration strategy (rx-migrations.ts) and the new shape below.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { replicaSchema } from './rx-schema-adapter';
import { configRxSchema, notificationRxSchema, preferencesRxSchema, rejectionRxSchema, taskRxSchema } from './rx-schemas';

const str = (maxLength?: number) => (maxLength ? { type: 'string' as const, maxLength } : { type: 'string' as const });
const objArray = { type: 'array', items: { type: 'object' } } as const;
const rev = { type: 'integer', minimum: 0, maximum: 1e15, multipleOf: 1 } as const;

const taskV0 = {
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
    'id',
    'title',
    'status',
    'typeId',
    'queue',
    'locationId',
    'priority',
    'ownerId',
    'dueAt',
    'channel',
    'patientRef',
    'description',
    'category',
    'providerId',
    'waitingOn',
    'reasonCode',
    'reasonNote',
    'outcome',
    'checklist',
    'reviewerId',
    'followUpOf',
    'suggestedCategory',
    'suggestionConfidence',
    'notes',
    'createdAt',
    'createdBy',
    'updatedAt',
    'pendingSync',
    'rev',
    'serverUpdatedAt',
    'updatedBy',
    'history',
    'reworkCount',
    'statusSince',
    'ownerSince',
  ],
  indexes: [['status', 'dueAt'], 'pendingSync', ['ownerId', 'status'], ['queue', 'status', 'dueAt']],
};

/** Version 1: the task's documents (issue 19), a server-owned list. */
const taskV1 = {
  ...taskV0,
  version: 1,
  properties: { ...taskV0.properties, attachments: objArray },
  required: [...taskV0.required, 'attachments'],
};

const rejectionV0 = {
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

const configV0 = {
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

const notificationV0 = {
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
    counts: {
      type: 'object',
      properties: { overdue: count, atRisk: count, waiting: count },
      required: ['overdue', 'atRisk', 'waiting'],
      additionalProperties: false,
    },
    pendingSync: { type: 'boolean' },
    rev,
  },
  required: ['id', 'userId', 'kind', 'taskId', 'createdAt', 'readAt', 'counts', 'pendingSync', 'rev'],
  indexes: ['createdAt', 'pendingSync', 'readAt'],
};

const preferencesV0 = {
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

describe('replica schemas generated from zod', () => {
  const cases = [
    ['tasks', taskRxSchema, taskV1],
    ['rejections', rejectionRxSchema, rejectionV0],
    ['config', configRxSchema, configV0],
    ['notifications', notificationRxSchema, notificationV0],
    ['preferences', preferencesRxSchema, preferencesV0],
  ] as const;

  for (const [name, generated, v0] of cases) {
    it(`${name}: the schema of its current version, field by field`, () => {
      expect(Object.keys(generated.properties)).toEqual(Object.keys(v0.properties));
      for (const field of Object.keys(v0.properties)) {
        expect({ field, schema: generated.properties[field as keyof typeof generated.properties] }).toEqual({
          field,
          schema: v0.properties[field as keyof typeof v0.properties],
        });
      }
      // Array order counts in RxDB's hash (it sorts object keys only): required and indexes as they were.
      expect(generated).toEqual(v0);
    });
  }

  it('refuses a key or an indexed string without a length, which RxDB would refuse when the app opens the replica', () => {
    const Doc = z.object({ id: z.string().max(64), note: z.string() });
    expect(() => replicaSchema(Doc, { title: 'docs', version: 0, primaryKey: 'id', indexes: ['note'] })).toThrow(
      'docs.note is a key or indexed',
    );
  });
});
