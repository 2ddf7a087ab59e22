// Pushes after a restore. A workstation whose checkpoint predates a restore starts its replication
// over and pushes everything it holds without an assumed state (RxDB's fresh start), and a
// workstation that edited offline pushes edits of states the restored database never saw. Both
// must land: the row is given the assumed state it really edited from, where the server can tell.
import type { PushRow } from '../../shared/wire';
import type { StoredDoc } from '../storage/types';
import { lostIn, type RestorePoint } from '../storage/identity';

const revOf = (state: Record<string, unknown> | null | undefined): unknown => state?.rev;

/** The stored document as the state a client edited from (its rev is the seq of its last write). */
const assumedFrom = (current: StoredDoc): Record<string, unknown> => ({ ...current.data, rev: current.seq, _deleted: current.deleted });

/**
 * `row` with the assumed state the server can vouch for:
 * - edited from a revision a restore erased (or one this database never reached): based on the
 *   restored state when nothing changed it since the restore, so the edit applies as made;
 *   otherwise merged with no common base (where both differ the server's value stands and the
 *   row's is kept in the document's history);
 * - pushed without an assumed state but carrying the revision the server holds now (a replica
 *   starting over that edited it offline): edited from exactly that state.
 */
export function withRecoveredBase(
  row: PushRow,
  current: StoredDoc | undefined,
  restores: readonly RestorePoint[],
  serverSeq: number,
): PushRow {
  if (!current) return row;
  const claimed = row.assumedMasterState ? revOf(row.assumedMasterState) : revOf(row.newDocumentState);
  const point = lostIn(restores, claimed);
  const ahead = typeof claimed === 'number' && claimed > serverSeq;
  if (point || ahead) {
    const untouched = point ? current.seq <= point.seq : true;
    return untouched ? { ...row, assumedMasterState: assumedFrom(current) } : { newDocumentState: row.newDocumentState };
  }
  if (!row.assumedMasterState && claimed === current.seq) return { ...row, assumedMasterState: assumedFrom(current) };
  return row;
}
