// The server merges concurrent edits and refuses invalid ones before it answers a push, so a
// conflict answer already is the state to keep: take it as it is.
import type { RxConflictHandler } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';

/** RxDB's context when its downstream compares an incoming server state with the local copy. */
const DOWNSTREAM_MASTER_VS_FORK = 'downstream-check-if-equal-1';

const revOf = (doc: unknown): number | undefined => {
  const rev = (doc as { rev?: unknown } | null)?.rev;
  return typeof rev === 'number' ? rev : undefined;
};

/**
 * True when `incoming` is a server state older than the one the replica already holds. A stream
 * event or a pull answer can land after the answer to a later push (which put the newer state in
 * the replica); RxDB would write the older state over it, and the replica's next push would then
 * carry the old value back as its own write. Every replicated collection stamps `rev` with the
 * server's sequence number, so the older one is known.
 */
export function isOlderServerState(incoming: unknown, local: unknown): boolean {
  const [theirs, mine] = [revOf(incoming), revOf(local)];
  return theirs !== undefined && mine !== undefined && theirs < mine;
}

export function takeServerState<T>(): RxConflictHandler<T> {
  return {
    // Checked here, not when the document arrives: RxDB compares and writes in one step, so a push
    // answer cannot slip in between. Reported "equal", the older state is dropped.
    isEqual: (a, b, context) => deepEqual(a, b) || (context === DOWNSTREAM_MASTER_VS_FORK && isOlderServerState(a, b)),
    resolve: async (input) => input.realMasterState,
  };
}
