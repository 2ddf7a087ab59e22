// Recomputes the audit hash chain from the entries as stored and reports every entry that does
// not fit, not only the first (a first finding must not hide a later one). Editing an entry breaks
// its own hash; with the audit key an editor cannot recompute it (HMAC); removing an entry breaks
// the link of the one after it; removing the newest entries is found against the head the server
// recorded outside the database (secrets/audit-head.ts).
import { auditHash, GENESIS_HASH, type ChainPoint } from '../storage/audit-hash';
import type { StoredAuditEntry } from '../storage/types';
import type { AuditSource } from './read-only';

export interface VerifyOptions {
  /** The audit key: entries after the anchor must be HMAC links. Without it every link is plain SHA-256. */
  key?: Buffer;
  /** The newest entry written before the chain was keyed (plain SHA-256 up to it). */
  anchor?: ChainPoint;
  /** The newest entry the server recorded as committed: it must still be there, unchanged. */
  head?: ChainPoint;
  /** Heads exported off-site (audit/head-export.ts): each must still be there, unchanged. */
  exported?: (ChainPoint & { at: string })[];
  /** Where the stored chain starts when older entries were archived (audit/archive.ts): their last entry. */
  start?: ChainPoint;
  /** Checking a part of the chain that ends here (an archive): later anchor, head and exports are not expected in it. */
  until?: number;
  pageSize?: number;
}

export interface Finding {
  entry?: Pick<StoredAuditEntry, 'id' | 'at' | 'action'>;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  lastHash: string;
  /** The newest entry's id (0 for an empty log). */
  lastId: number;
  findings: Finding[];
}

export async function verifyAuditChain(
  source: Pick<AuditSource, 'readAudit'> & Partial<Pick<AuditSource, 'guards'>>,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const {
    key,
    anchor,
    head,
    exported = [],
    start = { id: 0, hash: GENESIS_HASH },
    until = Number.POSITIVE_INFINITY,
    pageSize = 1000,
  } = options;
  // Points at or before the start were archived: the archive file vouches for them (--archive).
  const expected = (point: ChainPoint | undefined) => !!point && point.id > start.id && point.id <= until;
  const unseenExports = new Map(exported.filter(expected).map((e) => [e.id, e]));
  const findings: Finding[] = (await source.guards?.())?.map((problem) => ({ problem })) ?? [];
  let prev = start.hash;
  let prevId = start.id;
  let count = 0;
  const seen = { anchor: !expected(anchor), head: !expected(head) };
  for (;;) {
    const page = await source.readAudit({ afterId: prevId, limit: pageSize });
    if (page.length === 0) break;
    for (const entry of page) {
      const where = { id: entry.id, at: entry.at, action: entry.action };
      const report = (problem: string) => findings.push({ entry: where, problem });
      if (entry.prevHash !== prev) {
        report(
          count === 0
            ? start.id > 0
              ? `the first entry does not link to entry ${start.id}, the last one archived (entries were removed, or its prev_hash was edited)`
              : 'the first entry does not start the chain (entries before it were removed, or its prev_hash was edited)'
            : `its prev_hash does not match the hash of entry ${prevId}: entries between them were removed, or a link was edited`,
        );
      }
      const keyed = !!key && entry.id > (anchor?.id ?? 0);
      if (auditHash(entry.prevHash, entry, keyed ? key : undefined) !== entry.hash) {
        report(
          keyed
            ? 'its content does not match its keyed hash: the entry was edited or written without the audit key'
            : 'its content does not match its hash: the entry was edited after it was written',
        );
      }
      if (anchor && entry.id === anchor.id) {
        seen.anchor = true;
        if (entry.hash !== anchor.hash)
          report('it is not the entry recorded when the chain was keyed: the log before the key was rewritten');
      }
      if (head && entry.id === head.id) {
        seen.head = true;
        if (entry.hash !== head.hash) report('it is not the entry the server recorded as its newest: the log was rewritten');
      }
      const exportedHere = unseenExports.get(entry.id);
      if (exportedHere) {
        unseenExports.delete(entry.id);
        if (entry.hash !== exportedHere.hash) report(`it is not the entry exported off-site at ${exportedHere.at}: the log was rewritten`);
      }
      prev = entry.hash;
      prevId = entry.id;
      count++;
    }
  }
  if (!seen.anchor) findings.push({ problem: `entry ${anchor!.id}, the last one before the chain was keyed, is missing` });
  if (!seen.head) {
    findings.push({
      problem: `entry ${head!.id}, the newest the server recorded, is missing: the newest entries were removed (the log now ends at entry ${prevId})`,
    });
  }
  for (const missing of unseenExports.values()) {
    findings.push({
      problem: `entry ${missing.id}, exported off-site at ${missing.at}, is missing: entries were removed (the log now ends at entry ${prevId})`,
    });
  }
  return { ok: findings.length === 0, count, lastHash: prev, lastId: prevId, findings };
}

export function describeResult(result: VerifyResult, keyed: boolean): string {
  if (result.ok) {
    const how = keyed
      ? 'keyed with the audit key, and ending at the head the server recorded'
      : 'not keyed: run with the server secrets to detect rewrites';
    return `Audit log OK: ${result.count} entries, hash chain intact (${how}; head ${result.lastHash.slice(0, 16)}…)`;
  }
  const lines = result.findings.map((f) =>
    f.entry ? `  ALTERED at entry ${f.entry.id} (${f.entry.at}, ${f.entry.action}): ${f.problem}` : `  ${f.problem}`,
  );
  return `Audit log NOT INTACT: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} in ${result.count} entries.\n${lines.join('\n')}`;
}
