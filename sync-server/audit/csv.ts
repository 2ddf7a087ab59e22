// The audit log as CSV (RFC 4180): every field quoted when it needs to be, one entry per line.
import { csvField } from '../../shared/csv';
import type { Storage, StoredAuditEntry } from '../storage/types';

export { csvField };

const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor_id',
  'workstation_id',
  'action',
  'collection',
  'doc_id',
  'before',
  'after',
  'reason',
  'prev_hash',
  'hash',
] as const;

function auditCsvRow(entry: StoredAuditEntry): string {
  return [
    entry.id,
    entry.at,
    entry.actorId,
    entry.workstationId,
    entry.action,
    entry.collection,
    entry.docId,
    entry.before,
    entry.after,
    entry.reason,
    entry.prevHash,
    entry.hash,
  ]
    .map(csvField)
    .join(',');
}

/** The header and the entries with from <= at < to, read page by page. */
export async function* auditCsv(storage: Storage, from: string, to: string, pageSize = 1000): AsyncGenerator<string> {
  yield `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
  let afterId = 0;
  for (;;) {
    const page = await storage.readAudit({ afterId, limit: pageSize, from, to });
    if (page.length === 0) return;
    yield page.map((entry) => `${auditCsvRow(entry)}\r\n`).join('');
    afterId = page[page.length - 1].id;
  }
}

/** Accepts 2026-03-01 or a full ISO date-time; a bare date as the end means through that day. */
export function parseRangeBound(text: string, end: boolean): string | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const time = Date.parse(dateOnly ? `${text}T00:00:00.000Z` : text);
  if (Number.isNaN(time)) return undefined;
  return new Date(dateOnly && end ? time + 24 * 3600_000 : time).toISOString();
}
