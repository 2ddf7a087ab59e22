// The KPI report's tasks: every live task as a digest (shared/kpi/digest.ts: a finished task
// without its history, with its status moves and SLA answers worked out once), kept current by seq
// (follow.ts) under one practice configuration. A snapshot in the data folder carries them over a
// restart, so the first report after a start reads only what was written since, not every task's
// history. The snapshot holds no PHI (the cut-down fields only) and is a cache: it is used only for
// the same database (its identity, renewed by a restore) and configuration, else ignored.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PracticeConfig } from '../../shared/config/practice';
import { digestOf, kpiProjection, taskOfDigest, type KpiTask, type TaskDigest } from '../../shared/kpi';
import type { Task } from '../../shared/task';
import { databaseId } from '../storage/identity';
import type { Storage } from '../storage/types';
import type { SyncContext } from '../sync/context';
import { practiceFingerprint } from '../sync/practice';
import { enqueue, followTasks, turn, CHUNK, type Follower } from './follow';
import { decodeDigests, encodeDigests, type DigestEntry, type EncodedDigests } from '../../shared/kpi/snapshot';

export interface KpiEntry {
  buckets: string[];
  task: KpiTask;
}

interface KpiStore extends Follower {
  /** The configuration the digests' SLA answers were worked out under. */
  practice: PracticeConfig | undefined;
  entries: Map<string, KpiEntry & { digest: TaskDigest }>;
}

const stores = new WeakMap<Storage, KpiStore>();
const SNAPSHOT_VERSION = 1;
export const snapshotFile = (dataDir: string) => path.join(dataDir, 'reports', 'kpi-digests.json');

const Header = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  databaseId: z.string(),
  fingerprint: z.string(),
  seq: z.number().int().nonnegative(),
  // The rows are checked as they are decoded (shared/kpi/snapshot.ts); a file that does not decode is ignored.
  digests: z.object({
    strings: z.array(z.unknown()),
    open: z.array(z.tuple([z.string(), z.array(z.string()), z.object({ task: z.object({ id: z.string() }).loose() }).loose()])),
    finished: z.array(z.unknown()),
  }),
});

function storeOf(storage: Storage): KpiStore {
  let store = stores.get(storage);
  if (!store) stores.set(storage, (store = { seq: 0, queue: Promise.resolve(), practice: undefined, entries: new Map() }));
  return store;
}

/**
 * Brings the store under `practice`: the same configuration in a new object gets the digests'
 * answers again; another configuration (other SLA targets or calendars) starts over from the tasks.
 */
async function adopt(store: KpiStore, practice: PracticeConfig): Promise<void> {
  if (store.practice === practice) return;
  const before = store.practice && practiceFingerprint(store.practice);
  if (before !== undefined && before === practiceFingerprint(practice)) {
    let i = 0;
    for (const entry of store.entries.values()) {
      entry.task = taskOfDigest(entry.digest, practice);
      if (++i % CHUNK === 0) await turn();
    }
  } else {
    store.entries.clear();
    store.seq = 0;
  }
  store.practice = practice;
}

/** Every live task (a finished one as a digest), current as of this call; by id. Do not change the map. */
export async function kpiTasks(sync: SyncContext, stopped: () => boolean = () => false): Promise<ReadonlyMap<string, KpiEntry>> {
  const store = storeOf(sync.storage);
  await enqueue(store, async () => {
    const practice = await sync.practice.get();
    await adopt(store, practice);
    await followTasks(
      sync.storage,
      store,
      (doc) => {
        if (doc.deleted) return void store.entries.delete(doc.id);
        const digest = digestOf(kpiProjection(doc.data as Task), practice);
        store.entries.set(doc.id, { buckets: doc.buckets, task: digest.task, digest });
      },
      stopped,
    );
  });
  return store.entries;
}

/** Reads the snapshot into an empty store when it was made of this database under this configuration. */
export async function loadKpiStore(sync: SyncContext, dataDir: string): Promise<boolean> {
  const store = storeOf(sync.storage);
  let loaded = false;
  await enqueue(store, async () => {
    const file = snapshotFile(dataDir);
    if (store.seq !== 0 || !fs.existsSync(file)) return;
    const [practice, id, current] = await Promise.all([sync.practice.get(), databaseId(sync.storage), sync.storage.currentSeq()]);
    let snapshot: z.infer<typeof Header>;
    let entries: DigestEntry[];
    try {
      snapshot = Header.parse(JSON.parse(await fs.promises.readFile(file, 'utf8')));
      entries = decodeDigests(snapshot.digests as unknown as EncodedDigests);
    } catch {
      return; // damaged or from another release: the digests are made again from the tasks
    }
    if (snapshot.databaseId !== id || snapshot.fingerprint !== practiceFingerprint(practice) || snapshot.seq > current) return;
    for (const [docId, buckets, raw] of entries) {
      store.entries.set(docId, { buckets, task: taskOfDigest(raw, practice), digest: raw });
    }
    store.practice = practice;
    store.seq = snapshot.seq;
    loaded = true;
  });
  return loaded;
}

/** Writes the store as it is (a consistent state: every write up to its seq) for the next start. */
export async function saveKpiStore(sync: SyncContext, dataDir: string): Promise<void> {
  const store = storeOf(sync.storage);
  await enqueue(store, async () => {
    const fingerprint = store.practice && practiceFingerprint(store.practice);
    if (fingerprint === undefined || store.seq === 0) return;
    const digests = encodeDigests([...store.entries].map(([docId, e]): DigestEntry => [docId, e.buckets, e.digest]));
    const bytes = JSON.stringify({
      version: SNAPSHOT_VERSION,
      databaseId: await databaseId(sync.storage),
      fingerprint,
      seq: store.seq,
      digests,
    });
    const file = snapshotFile(dataDir);
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(temp, bytes, { mode: 0o600 });
    await fs.promises.rename(temp, file);
  });
}
