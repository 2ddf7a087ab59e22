// Recomputes the audit hash chain from the entries as stored and finds the first one that does
// not fit. Editing an entry breaks its own hash; recomputing that hash too breaks the next entry's
// link; removing an entry breaks the link of the one after it. (Removing the newest entries
// leaves a shorter but valid chain: compare the count with an earlier run or an export.)
import { auditHash, GENESIS_HASH } from '../storage/audit-hash';
import type { Storage, StoredAuditEntry } from '../storage/types';

export type VerifyResult =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; entry: Pick<StoredAuditEntry, 'id' | 'at' | 'action'>; problem: string };

export async function verifyAuditChain(storage: Storage, pageSize = 1000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let count = 0;
  let afterId = 0;
  for (;;) {
    const page = await storage.readAudit({ afterId, limit: pageSize });
    if (page.length === 0) return { ok: true, count, lastHash: prev };
    for (const entry of page) {
      const where = { id: entry.id, at: entry.at, action: entry.action };
      if (entry.prevHash !== prev) {
        const problem =
          count === 0
            ? 'the first entry does not start the chain (entries before it were removed, or its prev_hash was edited)'
            : `its prev_hash does not match the hash of entry ${afterIdOf(page, entry, afterId)}: this entry's link was edited, or the entry before it was edited and its hash recomputed, or entries between them were removed`;
        return { ok: false, count, entry: where, problem };
      }
      if (auditHash(entry.prevHash, entry) !== entry.hash) {
        return { ok: false, count, entry: where, problem: 'its content does not match its hash: the entry was edited after it was written' };
      }
      prev = entry.hash;
      count++;
    }
    afterId = page[page.length - 1].id;
  }
}

function afterIdOf(page: StoredAuditEntry[], entry: StoredAuditEntry, previousPageLast: number): number {
  const index = page.indexOf(entry);
  return index > 0 ? page[index - 1].id : previousPageLast;
}

export function describeResult(result: VerifyResult): string {
  if (result.ok) return `Audit log OK: ${result.count} entries, hash chain intact (head ${result.lastHash.slice(0, 16)}…)`;
  return (
    `Audit log ALTERED at entry ${result.entry.id} (${result.entry.at}, ${result.entry.action}): ${result.problem}.\n` +
    `${result.count} entries before it verified.`
  );
}
