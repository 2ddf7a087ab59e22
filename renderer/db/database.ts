// The workstation's local replica: one RxDB database per signed-in user.
import {
  addRxPlugin,
  createRxDatabase,
  removeRxDatabase,
  type MigrationStrategies,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { taskRxSchema, rejectionRxSchema, configRxSchema, notificationRxSchema, preferencesRxSchema } from '../../shared/rx-schemas';
import { replicaMigrations } from '../../shared/rx-migrations';
import type { Notification, NotificationPrefs } from '../../shared/notifications/schema';
import type { ConfigDoc } from '../../shared/config/schemas';
import { PHI_TASK_FIELDS, type Task } from '../../shared/task';
import { PHI_REJECTION_FIELDS, type Rejection } from '../../shared/rejection';
import { takeServerState } from '../sync/conflict';
import { dexieReplicas } from './dexie-replica-import';
import { wrappedAesGcmStorage } from './encrypted-storage';
import { logDatabaseName } from './log-layout';
import { getRxStorageLog } from './log-storage';
import { EncryptionKeyHex, importPhiKey, ReplicaKeyError } from './phi-cipher';
import type { TaskStore } from './task-store-reader';

type TaskCollection = RxCollection<Task>;
type RejectionCollection = RxCollection<Rejection>;
type ConfigCollection = RxCollection<ConfigDoc>;
type NotificationCollection = RxCollection<Notification>;
type PreferencesCollection = RxCollection<NotificationPrefs>;
type BatonCollections = {
  tasks: TaskCollection;
  rejections: RejectionCollection;
  config: ConfigCollection;
  notifications: NotificationCollection;
  preferences: PreferencesCollection;
};
export type BatonDatabase = RxDatabase<BatonCollections>;

// A replica stored at an older schema version is migrated when it opens (shared/rx-migrations.ts).
addRxPlugin(RxDBMigrationSchemaPlugin);

/** A collection's replica schema and the strategies that bring older stored versions up to it. */
interface ReplicaShape<T> {
  schema: RxJsonSchema<T>;
  migrationStrategies: MigrationStrategies;
}
type DocOf<C> = C extends RxCollection<infer T> ? T : never;
export type ReplicaShapes = { [K in keyof BatonCollections]: ReplicaShape<DocOf<BatonCollections[K]>> };

/** This release's shapes. */
const REPLICA_SHAPES: ReplicaShapes = {
  tasks: { schema: taskRxSchema, migrationStrategies: replicaMigrations.tasks },
  rejections: { schema: rejectionRxSchema, migrationStrategies: replicaMigrations.rejections },
  config: { schema: configRxSchema, migrationStrategies: replicaMigrations.config },
  notifications: { schema: notificationRxSchema, migrationStrategies: replicaMigrations.notifications },
  preferences: { schema: preferencesRxSchema, migrationStrategies: replicaMigrations.preferences },
};

export interface OpenDatabaseOptions {
  /** The signed-in user: each user gets a database of their own on a workstation. */
  userId: string;
  /** Defaults to the log storage (IndexedDB). Node tests pass memory or fake-indexeddb storage. */
  storage?: RxStorage<unknown, unknown>;
  /** Overrides the database name (tests run several workstations of one user in one process). */
  name?: string;
  /** Several windows of one origin share the database (board and approval window). */
  multiInstance?: boolean;
  /**
   * The user's key (hex, from the keyring): PHI fields are then encrypted at rest. A replica made
   * with a key opens only with that key (ReplicaKeyError otherwise).
   */
  encryptionKey?: string;
  /** Wraps the storage for `encryptionKey`; defaults to AES-GCM (WebCrypto). The bench swaps in crypto-js. */
  encryptStorage?: (storage: RxStorage<unknown, unknown>, keyHex: string) => RxStorage<unknown, unknown>;
  /** Other shapes than this release's: a test opens a replica as a later release would. */
  shapes?: Partial<ReplicaShapes>;
}

/**
 * Part of the database name. It was bumped while the schemas changed before the first release;
 * never again: a new name leaves the old replica behind with whatever it had not uploaded. A schema
 * change now bumps the schema's version with a migration strategy (shared/rx-migrations.ts).
 */
const REPLICA_GENERATION = 3;

/** Database names allow only lower-case letters, digits and a few signs. */
function databaseNameFor(userId: string): string {
  return `baton-g${REPLICA_GENERATION}-u-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

function withEncrypted<T>(schema: RxJsonSchema<T>, fields: readonly string[] | false): RxJsonSchema<T> {
  return fields ? { ...schema, encrypted: [...fields] } : schema;
}

/** RxDB's codes for "stored with another password" (DB1) and "stored with another schema" (DB6). */
function isKeyMismatch(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'DB1' || code === 'DB6';
}

// Local documents: the replica's own bookkeeping that never replicates (which replication of the
// server's database it follows, see sync/replication.ts).
addRxPlugin(RxDBLocalDocumentsPlugin);

/** The key each open replica's PHI is sealed with (the default sealing), for taskStoreOf. */
const phiKeys = new WeakMap<BatonDatabase, Promise<CryptoKey>>();

/**
 * The workstation's storage: each collection in memory, kept in IndexedDB as a log of writes
 * (log-storage.ts). Replicas kept by earlier releases in RxDB's Dexie layout are taken over as
 * they open, edits not yet uploaded included.
 */
function defaultStorage(): RxStorage<unknown, unknown> {
  return getRxStorageLog({ legacy: dexieReplicas(indexedDB) });
}

/**
 * Where an open replica's tasks are stored, for a reader off the board's thread
 * (task-store-reader.ts): the log storage keeps one IndexedDB database per collection and schema
 * version. Only for a replica on the log storage (the default, or a test's).
 */
export async function taskStoreOf(db: BatonDatabase): Promise<TaskStore> {
  return { database: logDatabaseName(db.name, 'tasks', db.tasks.schema.version), key: (await phiKeys.get(db)) ?? null };
}

/** The key the replica's PHI is sealed with, for other PHI this person keeps on the workstation (documents kept offline); null without one. */
export function phiKeyOf(db: BatonDatabase): Promise<CryptoKey> | null {
  return phiKeys.get(db) ?? null;
}

export async function openBatonDatabase(options: OpenDatabaseOptions): Promise<BatonDatabase> {
  const keyHex = options.encryptionKey === undefined ? undefined : EncryptionKeyHex.parse(options.encryptionKey);
  let storage = options.storage ?? defaultStorage();
  if (keyHex) storage = (options.encryptStorage ?? ((s, k) => wrappedAesGcmStorage({ storage: s, keyHex: k })))(storage, keyHex);
  let db: BatonDatabase | undefined;
  try {
    db = await createRxDatabase<BatonCollections>({
      name: options.name ?? databaseNameFor(options.userId),
      storage,
      // RxDB keeps a hash of it and refuses another one (DB1): a wrong key fails at open, not at a read.
      password: keyHex,
      multiInstance: options.multiInstance ?? true,
      eventReduce: true,
      closeDuplicates: true,
      localDocuments: true,
    });
    // The schema records which fields are encrypted: opening without the key fails as a schema mismatch.
    const shapes = { ...REPLICA_SHAPES, ...options.shapes };
    // Opening migrates a replica stored at an older version before the collections are used.
    await db.addCollections({
      tasks: {
        ...shapes.tasks,
        schema: withEncrypted(shapes.tasks.schema, !!keyHex && PHI_TASK_FIELDS),
        conflictHandler: takeServerState<Task>(),
      },
      rejections: {
        ...shapes.rejections,
        schema: withEncrypted(shapes.rejections.schema, !!keyHex && PHI_REJECTION_FIELDS),
        conflictHandler: takeServerState<Rejection>(),
      },
      config: { ...shapes.config, conflictHandler: takeServerState<ConfigDoc>() },
      // No PHI in either: stored as they are.
      notifications: { ...shapes.notifications, conflictHandler: takeServerState<Notification>() },
      preferences: { ...shapes.preferences, conflictHandler: takeServerState<NotificationPrefs>() },
    });
    // For readers of the stored tasks off the board's thread (the dashboard's worker): the default sealing only.
    if (keyHex && !options.encryptStorage) phiKeys.set(db, importPhiKey(keyHex));
    return db;
  } catch (error) {
    await db?.close().catch(() => undefined);
    if (isKeyMismatch(error)) {
      throw new ReplicaKeyError(
        keyHex ? 'The local replica was encrypted with a different key' : 'The local replica is encrypted: a key is needed to open it',
      );
    }
    throw error;
  }
}

/**
 * Deletes a user's replica, encrypted or not (e.g. after their key was replaced), without the old
 * key: RxDB refuses to even open a collection whose stored schema lists encrypted fields without
 * the wrapper. A replica an earlier release kept in Dexie's layout goes too.
 */
export async function removeBatonDatabase(options: Pick<OpenDatabaseOptions, 'userId' | 'name' | 'storage'>): Promise<void> {
  // Nothing is decrypted on removal, so any well-formed key lets the wrapper open the storages.
  const storage = wrappedAesGcmStorage({ storage: options.storage ?? defaultStorage(), keyHex: '00'.repeat(32) });
  await removeRxDatabase(options.name ?? databaseNameFor(options.userId), storage, false);
}
