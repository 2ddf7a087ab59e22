// The pull engine: documents changed in the user's buckets after a checkpoint. The checkpoint
// carries the user's scope (scope.ts): after a change of roles, locations or queues the pull starts
// over and sends removals for what the user may no longer read.
//
// Removals (tombstones) are metadata too, so they go only where a replica may hold the document:
// after a checkpoint that carries a scope this user really had, for a document that sits in a
// bucket of that scope now or that left one of the reader's buckets after the point the replica
// had reached. A first pull, an old-style checkpoint (a bare seq such as `checkpoint=1`) or a scope
// this user never had starts from zero with no removals of anything that left before that pull.
// (After a change of scope, a document that left a newly gained bucket between the replica's last
// pull and the change can still show as a removal: the bucket of an operation is not stored.)
//
// The answer is written as JSON text around each document's stored JSON (wireJson): a document
// the reader may read goes out as stored, never parsed and serialized again; only removals are.
import { readableBuckets } from '../../shared/policy';
import { policyUser, type Actor } from '../auth/actor';
import type { SyncContext } from './context';
import type { CollectionHandler } from './handler';
import { encodeScoped, recallScope, rememberScope, type ScopedCheckpoint } from './scope';
import { databaseId } from '../storage/identity';

interface Plan {
  scope: string;
  afterSeq: number;
  /** Buckets of the replica's earlier scope the reader no longer has (read for removals only). */
  lost: string[];
  /** The seq the replica had reached: a document that left the reader's buckets by then is not its concern. */
  held: number;
  /** The checkpoint came from another database identity or is ahead of this database: start over. */
  reset?: true;
}

async function plan({ storage }: SyncContext, actor: Actor, current: string[], from: ScopedCheckpoint, identity: string): Promise<Plan> {
  const scope = await rememberScope(storage, actor.userId, current);
  // Issued by the database as it was before a restore (another identity), or naming a seq this
  // database never reached (restored by hand): nothing the replica proves holds here. Start from
  // zero without removals (what the replica holds that the server lacks is to be pushed, not
  // removed); the answer says so, and the workstation pushes again all it holds.
  const currentSeq = await storage.currentSeq();
  if ((from.db !== undefined && from.db !== identity) || from.seq > currentSeq || (from.held ?? 0) > currentSeq) {
    return { scope, afterSeq: 0, lost: [], held: currentSeq, reset: true };
  }
  const held = from.held ?? from.seq;
  if (from.scope === scope) return { scope, afterSeq: from.seq, lost: await recallScope(storage, actor.userId, from.lost), held };
  const before = await recallScope(storage, actor.userId, from.scope);
  // No scope, or one this user never had: the replica proves nothing it may hold; start clean, and
  // send removals only for what leaves the reader's buckets from now on.
  if (before.length === 0) return { scope, afterSeq: 0, lost: [], held: await storage.currentSeq() };
  // The scope changed: start over, and read what the replica may hold from before so it leaves.
  return { scope, afterSeq: 0, lost: [...before, ...(await recallScope(storage, actor.userId, from.lost))], held };
}

/**
 * A stored document's JSON text as it goes on the wire: `{ ...data, _deleted }` without parsing it
 * (the data is an object without `_deleted`, so the key goes last, as the spread puts it).
 */
export function wireJson(json: string, deleted: boolean): string {
  const end = json.lastIndexOf('}');
  const open = json.slice(0, end).trimEnd();
  return `${open}${open.endsWith('{') ? '' : ','}"_deleted":${deleted}}`;
}

/** The answer to a pull: a PullResponse written as JSON text. */
export async function pullChanges<T extends { id: string }>(
  sync: SyncContext,
  handler: CollectionHandler<T>,
  actor: Actor,
  from: ScopedCheckpoint,
  limit: number,
): Promise<string> {
  const queueIds = [...(await sync.practice.get()).queues.keys()];
  const current = readableBuckets(policyUser(actor), queueIds);
  const readable = new Set(current);
  const identity = await databaseId(sync.storage);
  const start = await plan(sync, actor, current, from, identity);
  const lost = [...new Set(start.lost)].filter((b) => !readable.has(b));
  const lostSet = new Set(lost);
  const lostHash = lost.length ? await rememberScope(sync.storage, actor.userId, lost) : undefined;
  const buckets = [...current, ...lost];
  // Each document's answer as JSON text, by id (a later row of the same document replaces it).
  const documents = new Map<string, string>();
  let checkpoint = start.afterSeq;
  let caughtUp = false;
  // A document can show up in two buckets at different seqs; keep reading until the page is
  // full of distinct documents, because a short page tells the client it is caught up.
  for (;;) {
    const wanted = limit - documents.size;
    const rows = await sync.storage.changesSince(handler.name, buckets, checkpoint, wanted);
    for (const { seq, doc } of rows) {
      checkpoint = seq;
      documents.delete(doc.id);
      if (doc.buckets.some((b) => readable.has(b))) documents.set(doc.id, wireJson(doc.json, doc.deleted));
      else if (seq > start.held || doc.buckets.some((b) => lostSet.has(b)))
        documents.set(doc.id, JSON.stringify(handler.removal(JSON.parse(doc.json) as T)));
    }
    // Fewer rows than asked for: nothing more after them (saves a second query on every live pull).
    if (rows.length < wanted) caughtUp = true;
    if (caughtUp || documents.size >= limit) break;
  }
  // Once caught up, every lost document has had its removal: later pulls read the current scope
  // only, and everything after the checkpoint happened while the reader had it.
  const next = encodeScoped({
    seq: checkpoint,
    scope: start.scope,
    lost: caughtUp ? undefined : lostHash,
    held: !caughtUp && start.held > checkpoint ? start.held : undefined,
    db: identity,
  });
  // A PullResponse's keys in order: documents, checkpoint, and reset when set.
  return `{"documents":[${[...documents.values()].join(',')}],"checkpoint":${JSON.stringify(next)}${start.reset ? ',"reset":true' : ''}}`;
}
