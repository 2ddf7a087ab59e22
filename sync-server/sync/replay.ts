// A pushed row the server has already taken from the same writer is a replay: a request delivered
// again (a retry whose first attempt was applied but whose answer was lost, a request that reached
// the server late) or a replica sending a snapshot it already sent. Applied again it would undo the
// writer's later writes: the server treats a writer's own writes since the assumed state as no
// conflict (shared/push-decision.ts), so an old row of theirs would win as a plain update. Every
// distinct edit differs in its document (the replica stamps updatedAt on each), so an identical row
// from the same writer can only be a replay. The receipt is a once-key (the `once_keys` table),
// claimed in the row's savepoint: a refused row claims nothing.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../storage/audit-hash';
import type { WriteTx } from '../storage/types';

function pushReceiptKey(collection: string, writer: string, pushed: Record<string, unknown>): string {
  const digest = createHash('sha256').update(writer).update('\n').update(canonicalJson(pushed)).digest('hex');
  return `push:${collection}:${digest}`;
}

/** True the first time this writer pushes this exact row state; false for a replay. */
export function firstReceipt(tx: WriteTx, collection: string, writer: string, pushed: Record<string, unknown>): Promise<boolean> {
  return tx.claimOnce(pushReceiptKey(collection, writer, pushed), new Date().toISOString());
}
