// The dashboard worker's tasks kept across a reload: every task of the replica as a KPI digest
// (shared/kpi/digest.ts: a finished task without its history, its moves and SLA answers worked
// out once), in IndexedDB, with the replica's checkpoint they are current to. A reload starts from
// them and reads only the replica's documents written since. No PHI: ids, statuses, queues,
// owners, times and reason codes (the server's snapshot holds the same), so it is not encrypted.
// It is a cache: dropped when it does not decode, and made again from the replica.
//
// Saved in parts: a save writes only the digests changed since the last one (and the ids gone), as
// a new part after the saved ones, so saving while a large replication comes in costs what came
// in, not the whole replica each time; every so often a save writes everything as the only part.
// A replica's head names its parts in order and the checkpoint they reach, written in the same
// transaction as the part.
import { z } from 'zod';
import { decodeDigests, encodeDigests, type DigestEntry, type EncodedDigests } from '../../../shared/kpi/snapshot';
import { idbFailure as failure, idbRequest as request } from '../../db/idb-request';
import { TaskStoreCheckpoint, type IndexedDbApi } from '../../db/task-store-reader';

const DB_NAME = 'baton-kpi-digests';
/** Version 1 kept one record per replica; its store is dropped on the way to parts. */
const VERSION = 2;
const HEADS = 'heads';
const PARTS = 'parts';

const Head = z.object({
  version: z.literal(VERSION),
  /** The practice configuration's document revisions the SLA answers were worked out under. */
  fingerprint: z.string(),
  checkpoint: TaskStoreCheckpoint,
  /** The parts' numbers (random), oldest first: a later part's digest of a task replaces an earlier one's. */
  parts: z.array(z.number().int().nonnegative()),
});
type Head = z.infer<typeof Head>;

const Part = z.object({
  /** JSON of encodeDigests (a string clones and stores faster than the objects). */
  digests: z.string(),
  /** Ids of tasks gone since the part before. */
  removed: z.array(z.string()),
});

export interface SavedDigests {
  fingerprint: string;
  checkpoint: TaskStoreCheckpoint;
  entries: DigestEntry[];
  /** The parts they were read from (what a run's next part goes after). */
  parts: number[];
  /** Digests in those parts, outdated ones included. */
  rows: number;
}

export interface DigestSave {
  fingerprint: string;
  checkpoint: TaskStoreCheckpoint;
  /** With `whole`, every task; otherwise the tasks changed since the run's last save. */
  entries: DigestEntry[];
  /** Ids gone since the run's last save (none with `whole`). */
  removed: string[];
  whole: boolean;
  /** The parts the run's digests were saved in so far: the new part goes after exactly these. */
  after: number[];
}

function openStore(factory: IDBFactory): Promise<IDBDatabase> {
  const r = factory.open(DB_NAME, VERSION);
  r.onupgradeneeded = () => {
    const db = r.result;
    for (const name of Array.from(db.objectStoreNames)) db.deleteObjectStore(name);
    db.createObjectStore(HEADS);
    db.createObjectStore(PARTS);
  };
  return request(r);
}

const partsOf = (idb: IndexedDbApi, name: string) => idb.IDBKeyRange.bound([name, 0], [name, Number.MAX_SAFE_INTEGER]);

/** The digests saved for replica `name`, or undefined (none, damaged, another release). */
export async function loadDigests(idb: IndexedDbApi, name: string): Promise<SavedDigests | undefined> {
  const db = await openStore(idb.indexedDB);
  try {
    const tx = db.transaction([HEADS, PARTS], 'readonly');
    const head = Head.safeParse(await request(tx.objectStore(HEADS).get(name)));
    if (!head.success) return undefined;
    const byNumber = new Map<number, z.infer<typeof Part>>();
    const keys = (await request(tx.objectStore(PARTS).getAllKeys(partsOf(idb, name)))) as [string, number][];
    const values: unknown[] = await request(tx.objectStore(PARTS).getAll(partsOf(idb, name)));
    keys.forEach(([, n], i) => byNumber.set(n, Part.parse(values[i])));
    const entries = new Map<string, DigestEntry>();
    let rows = 0;
    for (const n of head.data.parts) {
      const part = byNumber.get(n);
      if (!part) return undefined;
      for (const id of part.removed) entries.delete(id);
      const decoded = decodeDigests(JSON.parse(part.digests) as EncodedDigests);
      for (const entry of decoded) entries.set(entry[0], entry);
      rows += decoded.length;
    }
    const { fingerprint, checkpoint, parts } = head.data;
    return { fingerprint, checkpoint, entries: [...entries.values()], parts, rows };
  } catch {
    return undefined; // does not decode: made again from the replica
  } finally {
    db.close();
  }
}

const newPartNumber = () => Math.floor(Math.random() * 2 ** 31);

/**
 * Saves a run's digests: a new part after the saved ones, or, when `whole`, everything as the only
 * part. A part goes only after the parts the run saved or loaded: when another run saved since
 * (two windows of one replica), adding to its parts could pair this run's checkpoint with the
 * other's older digests, so it fails and the run saves everything. Answers the parts now saved.
 */
export async function saveDigests(idb: IndexedDbApi, name: string, save: DigestSave): Promise<number[]> {
  const part: z.infer<typeof Part> = { digests: JSON.stringify(encodeDigests(save.entries)), removed: save.removed };
  const db = await openStore(idb.indexedDB);
  try {
    const tx = db.transaction([HEADS, PARTS], 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(failure(tx.error));
      tx.onabort = () => reject(failure(tx.error));
    });
    const number = newPartNumber();
    let parts: number[];
    if (save.whole) {
      tx.objectStore(PARTS).delete(partsOf(idb, name));
      parts = [number];
    } else {
      const saved = Head.safeParse(await request(tx.objectStore(HEADS).get(name)));
      const same = saved.success && saved.data.fingerprint === save.fingerprint && saved.data.parts.join() === save.after.join();
      if (!same) {
        tx.abort();
        await done.catch(() => undefined);
        throw new Error('The saved digests changed since this run saved: it saves them whole');
      }
      parts = [...save.after, number];
    }
    tx.objectStore(PARTS).put(part, [name, number]);
    tx.objectStore(HEADS).put({ version: VERSION, fingerprint: save.fingerprint, checkpoint: save.checkpoint, parts } satisfies Head, name);
    await done;
    return parts;
  } finally {
    db.close();
  }
}
