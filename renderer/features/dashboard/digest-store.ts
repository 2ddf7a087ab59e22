// The dashboard worker's tasks kept across a reload: every task of the replica as a KPI digest
// (shared/kpi/digest.ts: a finished task without its history, its moves and SLA answers worked
// out once), with the replica's checkpoint they are current to. A reload starts from them and
// reads only the replica's documents written since. No PHI: ids, statuses, queues, owners, times
// and reason codes (the server's snapshot holds the same), so it is not encrypted. It is a cache:
// what does not decode is dropped and made again from the replica.
//
// One file a replica, in the Origin Private File System, written from the worker through a sync
// access handle: not in IndexedDB, where a save waited behind RxDB's own writes at the end of a
// large replication (one of 5,000 digests held back 3.3 s) and a reload then lost it. The file is
// a log of parts, each a length and a JSON record: the digests changed since the part before, the
// ids gone, and the checkpoint reached. A save appends only what changed, so saving while a large
// replication comes in costs what came in; every so often a save writes everything as the only
// part. A part cut short (the app closed mid-write) ends the log: the parts before it stand, each
// current to its own checkpoint.
import { z } from 'zod';
import { decodeDigests, encodeDigests, type DigestEntry, type EncodedDigests } from '../../../shared/kpi/snapshot';
import { TaskStoreCheckpoint } from '../../db/task-store-reader';

/** The part of a FileSystemSyncAccessHandle the store uses: OPFS in the worker, a file on disk in Node tests. */
export interface DigestFile {
  getSize(): number;
  read(into: Uint8Array, options: { at: number }): number;
  write(bytes: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

/** Opens a replica's file for this run alone (it fails while another run has it open). */
export type DigestFiles = (name: string) => Promise<DigestFile>;

/** Version 2 was the IndexedDB store; a part of another version ends the log. */
const VERSION = 3;
/** Each part's length goes before it, as 4 bytes. */
const LENGTH_BYTES = 4;

const Part = z.object({
  version: z.literal(VERSION),
  /** The practice configuration's document revisions the SLA answers were worked out under. */
  fingerprint: z.string(),
  checkpoint: TaskStoreCheckpoint,
  /** encodeDigests of the tasks changed since the part before (decodeDigests checks each row). */
  digests: z.object({ strings: z.array(z.unknown()), open: z.array(z.unknown()), finished: z.array(z.unknown()) }),
  /** Ids of tasks gone since the part before. */
  removed: z.array(z.string()),
});
type Part = z.infer<typeof Part>;

export interface SavedDigests {
  fingerprint: string;
  checkpoint: TaskStoreCheckpoint;
  entries: DigestEntry[];
  /** Digests in each part read, outdated ones included. */
  partSizes: number[];
  /** Where the parts read end in the file: the run's next part goes exactly there. */
  bytes: number;
}

export interface DigestSave {
  fingerprint: string;
  checkpoint: TaskStoreCheckpoint;
  /** With `whole`, every task; otherwise the tasks changed since the run's last save. */
  entries: DigestEntry[];
  /** Ids gone since the run's last save (none with `whole`). */
  removed: string[];
  whole: boolean;
  /** Where the parts the run loaded or saved end: a new part goes there, after exactly those. */
  after: number;
}

/** A replica's file: its key (the database's name and storage identity) in characters any file system takes. */
export const digestFileName = (key: string) => `kpi-digests-${encodeURIComponent(key)}`;

/** The digests saved for replica `key`, or undefined (none, damaged, another release, or the file in use). */
export async function loadDigests(files: DigestFiles, key: string): Promise<SavedDigests | undefined> {
  let file: DigestFile;
  try {
    file = await files(digestFileName(key));
  } catch {
    return undefined; // another window is saving: this run reads the replica itself
  }
  try {
    const bytes = new Uint8Array(file.getSize());
    file.read(bytes, { at: 0 });
    return readParts(bytes);
  } catch {
    return undefined;
  } finally {
    file.close();
  }
}

function readParts(bytes: Uint8Array): SavedDigests | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  const entries = new Map<string, DigestEntry>();
  let last: Part | undefined;
  const partSizes: number[] = [];
  let at = 0;
  while (at + LENGTH_BYTES <= bytes.length) {
    const length = view.getUint32(at, true);
    const end = at + LENGTH_BYTES + length;
    if (end > bytes.length) break; // cut short
    let part: Part;
    let decoded: DigestEntry[];
    try {
      part = Part.parse(JSON.parse(text.decode(bytes.subarray(at + LENGTH_BYTES, end))));
      if (last && part.fingerprint !== last.fingerprint) break;
      decoded = decodeDigests(part.digests as EncodedDigests);
    } catch {
      break;
    }
    for (const id of part.removed) entries.delete(id);
    for (const entry of decoded) entries.set(entry[0], entry);
    partSizes.push(decoded.length);
    last = part;
    at = end;
  }
  if (!last) return undefined;
  return { fingerprint: last.fingerprint, checkpoint: last.checkpoint, entries: [...entries.values()], partSizes, bytes: at };
}

/**
 * Saves a run's digests: a new part after the saved ones, or, when `whole`, everything as the only
 * part. A part goes only where the run's own parts end: when another run saved since (two windows
 * of one replica), or a part was cut short, adding to the file could pair this run's checkpoint
 * with the other's older digests, so it fails and the run saves everything. Answers where the
 * saved parts now end.
 */
export async function saveDigests(files: DigestFiles, key: string, save: DigestSave): Promise<number> {
  const part: Part = {
    version: VERSION,
    fingerprint: save.fingerprint,
    checkpoint: save.checkpoint,
    digests: encodeDigests(save.entries),
    removed: save.removed,
  };
  const json = new TextEncoder().encode(JSON.stringify(part));
  const bytes = new Uint8Array(LENGTH_BYTES + json.length);
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, LENGTH_BYTES);
  const file = await files(digestFileName(key));
  try {
    const at = save.whole ? 0 : save.after;
    if (save.whole) file.truncate(0);
    else if (file.getSize() !== at) throw new Error('The saved digests changed since this run saved: it saves them whole');
    file.write(bytes, { at });
    file.flush();
    return at + bytes.length;
  } finally {
    file.close();
  }
}

/** The worker's files: one directory of the Origin Private File System. */
export function opfsDigestFiles(): DigestFiles {
  return async (name) => {
    const root = await navigator.storage.getDirectory();
    const directory = await root.getDirectoryHandle('baton-kpi-digests', { create: true });
    const handle = await directory.getFileHandle(name, { create: true });
    // Only a worker has sync access handles; the DOM's types do not declare them.
    return (handle as unknown as { createSyncAccessHandle(): Promise<DigestFile> }).createSyncAccessHandle();
  };
}
