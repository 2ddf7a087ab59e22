// The dashboard worker's tasks kept across a reload: every task of the replica as a KPI digest
// (shared/kpi/digest.ts: a finished task without its history, its moves and SLA answers worked
// out once), in IndexedDB, with the replica's checkpoint they are current to. A reload starts from
// them and reads only the replica's documents written since. No PHI: ids, statuses, queues,
// owners, times and reason codes (the server's snapshot holds the same), so it is not encrypted.
// It is a cache: dropped when it does not decode, and made again from the replica.
import { z } from 'zod';
import { decodeDigests, encodeDigests, type DigestEntry, type EncodedDigests } from '../../../shared/kpi/snapshot';

const DB_NAME = 'baton-kpi-digests';
const STORE = 'replicas';
const VERSION = 1;

/** Where the replica's change feed stood (RxDB's storage checkpoint: last write time and id). */
export const ReplicaCheckpoint = z.object({ id: z.string(), lwt: z.number() });
export type ReplicaCheckpoint = z.infer<typeof ReplicaCheckpoint>;

const Saved = z.object({
  version: z.literal(VERSION),
  /** The practice configuration's document revisions the SLA answers were worked out under. */
  fingerprint: z.string(),
  checkpoint: ReplicaCheckpoint,
  /** JSON of encodeDigests (a string clones and stores faster than the objects). */
  digests: z.string(),
});

export interface SavedDigests {
  fingerprint: string;
  checkpoint: ReplicaCheckpoint;
  entries: DigestEntry[];
}

/** IndexedDB's `error` is null for a transaction aborted by hand. */
const failure = (error: DOMException | null) => error ?? new DOMException('IndexedDB transaction aborted', 'AbortError');

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(failure(r.error));
  });
}

function openStore(factory: IDBFactory): Promise<IDBDatabase> {
  const r = factory.open(DB_NAME, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE);
  return request(r);
}

/** The digests saved for replica `name`, or undefined (none, damaged, another release). */
export async function loadDigests(factory: IDBFactory, name: string): Promise<SavedDigests | undefined> {
  const db = await openStore(factory);
  try {
    const raw: unknown = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(name));
    const saved = Saved.safeParse(raw);
    if (!saved.success) return undefined;
    const entries = decodeDigests(JSON.parse(saved.data.digests) as EncodedDigests);
    return { fingerprint: saved.data.fingerprint, checkpoint: saved.data.checkpoint, entries };
  } catch {
    return undefined; // does not decode: made again from the replica
  } finally {
    db.close();
  }
}

export async function saveDigests(factory: IDBFactory, name: string, saved: SavedDigests): Promise<void> {
  const value: z.infer<typeof Saved> = {
    version: VERSION,
    fingerprint: saved.fingerprint,
    checkpoint: saved.checkpoint,
    digests: JSON.stringify(encodeDigests(saved.entries)),
  };
  const db = await openStore(factory);
  try {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, name);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(failure(tx.error));
      tx.onabort = () => reject(failure(tx.error));
    });
  } finally {
    db.close();
  }
}
