// The server merges concurrent edits and refuses invalid ones before it answers a push, so a
// conflict answer already is the state to keep: take it as it is.
import type { RxConflictHandler } from 'rxdb';
import { deepEqual } from 'rxdb/plugins/utils';

export function takeServerState<T>(): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async (input) => input.realMasterState,
  };
}
