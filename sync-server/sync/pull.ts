// The pull engine: documents changed in the user's buckets after a checkpoint. The checkpoint
// carries the user's scope (scope.ts): after a change of roles, locations or queues the pull starts
// over and sends removals for what the user may no longer read.
import { readableBuckets } from '../../shared/policy';
import type { PullResponse } from '../../shared/wire';
import { policyUser, type Actor } from '../auth/actor';
import type { SyncContext } from './context';
import type { CollectionHandler, WireDoc } from './handler';
import { encodeScoped, legacyBuckets, recallScope, rememberScope, type ScopedCheckpoint } from './scope';

/** Where this pull starts and which lost buckets it still reads for removals. */
async function plan({ storage }: SyncContext, actor: Actor, current: string[], queueIds: string[], from: ScopedCheckpoint) {
  const scope = await rememberScope(storage, actor.userId, current);
  if (from.scope === scope) return { scope, afterSeq: from.seq, lost: await recallScope(storage, actor.userId, from.lost) };
  // The scope changed (or the checkpoint predates scopes): start over, and read what the replica
  // may hold from before so it leaves.
  const before =
    from.scope === undefined
      ? from.seq > 0 ? legacyBuckets(actor.userId, actor.locationIds, queueIds) : []
      : [...(await recallScope(storage, actor.userId, from.scope)), ...(await recallScope(storage, actor.userId, from.lost))];
  return { scope, afterSeq: 0, lost: before };
}

export async function pullChanges<T extends { id: string }>(
  sync: SyncContext,
  handler: CollectionHandler<T>,
  actor: Actor,
  from: ScopedCheckpoint,
  limit: number,
): Promise<PullResponse> {
  const queueIds = [...(await sync.practice.get()).queues.keys()];
  const current = readableBuckets(policyUser(actor), queueIds);
  const readable = new Set(current);
  const start = await plan(sync, actor, current, queueIds, from);
  const lost = [...new Set(start.lost)].filter((b) => !readable.has(b));
  const lostHash = lost.length ? await rememberScope(sync.storage, actor.userId, lost) : undefined;
  const buckets = [...current, ...lost];
  const documents = new Map<string, WireDoc>();
  let checkpoint = start.afterSeq;
  let caughtUp = false;
  // A document can show up in two buckets at different seqs; keep reading until the page is
  // full of distinct documents, because a short page tells the client it is caught up.
  for (;;) {
    const wanted = limit - documents.size;
    const rows = await sync.storage.changesSince(handler.name, buckets, checkpoint, wanted);
    for (const { seq, doc } of rows) {
      checkpoint = seq;
      const data = doc.data as T;
      documents.delete(doc.id);
      documents.set(doc.id, doc.buckets.some((b) => readable.has(b)) ? { ...data, _deleted: doc.deleted } : handler.removal(data));
    }
    // Fewer rows than asked for: nothing more after them (saves a second query on every live pull).
    if (rows.length < wanted) caughtUp = true;
    if (caughtUp || documents.size >= limit) break;
  }
  // Once caught up, every lost document has had its removal: later pulls read the current scope only.
  const next = encodeScoped({ seq: checkpoint, scope: start.scope, lost: caughtUp ? undefined : lostHash });
  return { documents: [...documents.values()], checkpoint: next };
}
