// The pull engine: documents changed in the user's buckets after a checkpoint.
import { readableBuckets } from '../../shared/policy';
import { encodeCheckpoint, type PullResponse } from '../../shared/wire';
import { policyUser, type Actor } from '../auth/actor';
import type { SyncContext } from './context';
import type { CollectionHandler, WireDoc } from './handler';

export async function pullChanges<T extends { id: string }>(
  { storage, practice }: SyncContext,
  handler: CollectionHandler<T>,
  actor: Actor,
  afterSeq: number,
  limit: number,
): Promise<PullResponse> {
  const buckets = readableBuckets(policyUser(actor), (await practice.get()).queues.keys());
  const readable = new Set(buckets);
  const documents = new Map<string, WireDoc>();
  let checkpoint = afterSeq;
  // A document can show up in two buckets at different seqs; keep reading until the page is
  // full of distinct documents, because a short page tells the client it is caught up.
  for (;;) {
    const wanted = limit - documents.size;
    const rows = await storage.changesSince(handler.name, buckets, checkpoint, wanted);
    for (const { seq, doc } of rows) {
      checkpoint = seq;
      const data = doc.data as T;
      documents.delete(doc.id);
      documents.set(doc.id, doc.buckets.some((b) => readable.has(b)) ? { ...data, _deleted: doc.deleted } : handler.removal(data));
    }
    // Fewer rows than asked for: nothing more after them (saves a second query on every live pull).
    if (rows.length < wanted || documents.size >= limit) break;
  }
  return { documents: [...documents.values()], checkpoint: encodeCheckpoint(checkpoint) };
}
