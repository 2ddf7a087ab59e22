// The workstation's local replica: one RxDB database per signed-in user.
import { createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { taskRxSchema, rejectionRxSchema, configRxSchema } from '../../shared/rx-schemas';
import type { ConfigDoc } from '../../shared/config/schemas';
import type { Task } from '../../shared/task';
import type { Rejection } from '../../shared/rejection';
import { takeServerState } from '../sync/conflict';

export type TaskCollection = RxCollection<Task>;
export type RejectionCollection = RxCollection<Rejection>;
export type ConfigCollection = RxCollection<ConfigDoc>;
export type BatonCollections = { tasks: TaskCollection; rejections: RejectionCollection; config: ConfigCollection };
export type BatonDatabase = RxDatabase<BatonCollections>;

export interface OpenDatabaseOptions {
  /** The signed-in user: each user gets a database of their own on a workstation. */
  userId: string;
  /** Defaults to Dexie (IndexedDB). Node tests pass memory or fake-indexeddb storage. */
  storage?: RxStorage<unknown, unknown>;
  /** Overrides the database name (tests run several workstations of one user in one process). */
  name?: string;
  /** Several windows of one origin share the database (board and approval window). */
  multiInstance?: boolean;
}

/**
 * Bumped when a collection's schema changes before a release has shipped: a replica on the old
 * shape is simply left behind and a fresh one replicated (after release: schema migrations).
 */
const REPLICA_GENERATION = 2;

/** Database names allow only lower-case letters, digits and a few signs. */
export function databaseNameFor(userId: string): string {
  return `baton-g${REPLICA_GENERATION}-u-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

export async function openBatonDatabase(options: OpenDatabaseOptions): Promise<BatonDatabase> {
  const db = await createRxDatabase<BatonCollections>({
    name: options.name ?? databaseNameFor(options.userId),
    storage: options.storage ?? getRxStorageDexie(),
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections({
    tasks: { schema: taskRxSchema, conflictHandler: takeServerState<Task>() },
    rejections: { schema: rejectionRxSchema, conflictHandler: takeServerState<Rejection>() },
    config: { schema: configRxSchema, conflictHandler: takeServerState<ConfigDoc>() },
  });
  return db;
}
