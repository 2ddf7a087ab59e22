// What the RxStorage conformance suite (storage-conformance.ts) writes and how it opens instances:
// a small schema, document builders that make revisions the way RxDB does, and a harness that
// gives every test databases of its own and closes what the test opened.
import {
  createRevision,
  fillWithDefaultSettings,
  now,
  prepareQuery,
  randomToken,
  type BulkWriteRow,
  type EventBulk,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageInstance,
  type RxStorageWriteErrorConflict,
} from 'rxdb';
import { expect } from 'vitest';

/** A storage under test, and what it claims to support (which decides the tests it gets). */
export interface StorageUnderTest {
  name: string;
  getStorage(): RxStorage<unknown, unknown>;
  /** Keeps documents after every instance is closed and a new one opened. */
  hasPersistence: boolean;
  /** Instances of one database and collection see each other's writes and events. */
  hasMultiInstance: boolean;
}

export interface Note {
  key: string;
  value: string;
  /** Optional, to check that an update can drop a field. */
  extra?: string;
}
export type StoredNote = RxDocumentData<Note>;
export type Instance<T> = RxStorageInstance<T, unknown, unknown>;
export type Bulk<T> = EventBulk<RxStorageChangeEvent<T>, unknown>;

// Dexie refuses an index on a field that is not required, so `value` is required.
const noteSchema: RxJsonSchema<StoredNote> = fillWithDefaultSettings<Note>({
  version: 0,
  primaryKey: 'key',
  type: 'object',
  properties: {
    key: { type: 'string', maxLength: 100 },
    value: { type: 'string', maxLength: 100 },
    extra: { type: 'string' },
  },
  required: ['key', 'value'],
  indexes: ['value'],
});

/** The same collection at another schema version. */
export const noteSchemaV1: RxJsonSchema<StoredNote> = { ...noteSchema, version: 1 };

// Each revision names a writer of its own, as if every write came from another client: two
// documents at one height never share a revision by chance.
const revision = (previous?: StoredNote) => createRevision(randomToken(10), previous);

/** A new document (revision height 1). */
export function note(key: string, value: string, changes: Partial<StoredNote> = {}): StoredNote {
  return { key, value, _deleted: false, _attachments: {}, _meta: { lwt: now() }, ...changes, _rev: revision() };
}

/** The next state of `previous`: its fields with `changes` applied, a new revision and lwt. */
export function next(previous: StoredNote, changes: Partial<StoredNote> = {}): StoredNote {
  return { ...previous, _meta: { lwt: now() }, ...changes, _rev: revision(previous) };
}

export const CONTEXT = 'storage-conformance';

const allNotes = prepareQuery<Note>(noteSchema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });

/** The keys of every document, deleted ones included (a storage does not filter them out). */
export async function keysOf(instance: Instance<Note>): Promise<string[]> {
  return (await instance.query(allNotes)).documents.map((d) => d.key);
}

export const insert = <T>(document: RxDocumentData<T>): BulkWriteRow<T> => ({ document });

export const conflicts = <T>(response: RxStorageBulkWriteResponse<T>): RxStorageWriteErrorConflict<T>[] =>
  response.error.filter((error): error is RxStorageWriteErrorConflict<T> => error.status === 409);

/** Asserts a write had no error (and says which documents failed when it had). */
export function expectWritten<T>(response: RxStorageBulkWriteResponse<T>): void {
  expect(response.error.map((error) => `${error.documentId}: ${error.status}`)).toEqual([]);
}

export interface OpenOptions<T> {
  databaseName?: string;
  collectionName?: string;
  schema?: RxJsonSchema<RxDocumentData<T>>;
  multiInstance?: boolean;
  /** The storage to open it with: by default a new one from getStorage(), as a new process would. */
  storage?: RxStorage<unknown, unknown>;
}

/** Opens instances with names of their own unless told otherwise, and closes them all at the end. */
export class Harness {
  private readonly opened: Instance<unknown>[] = [];

  constructor(private readonly target: StorageUnderTest) {}

  async open<T = Note>(options: OpenOptions<T> = {}): Promise<Instance<T>> {
    const storage = options.storage ?? this.target.getStorage();
    const instance = await storage.createStorageInstance<T>({
      databaseInstanceToken: randomToken(10),
      databaseName: options.databaseName ?? `db${randomToken(12)}`,
      collectionName: options.collectionName ?? `c${randomToken(12)}`,
      schema: options.schema ?? (noteSchema as unknown as RxJsonSchema<RxDocumentData<T>>),
      options: {},
      multiInstance: options.multiInstance ?? false,
      devMode: true,
    });
    this.opened.push(instance as Instance<unknown>);
    return instance;
  }

  /** Closes every instance opened (closing twice, or after remove(), must not throw). */
  async closeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((instance) => instance.close()));
  }
}

/** Every event bulk an instance emits, from now on. */
export function collect<T>(instance: Instance<T>): Bulk<T>[] {
  const bulks: Bulk<T>[] = [];
  instance.changeStream().subscribe((bulk) => bulks.push(bulk));
  return bulks;
}
