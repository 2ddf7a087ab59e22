// The audit log is hash-chained: each entry's hash covers the previous hash and the entry,
// so editing or removing any row breaks every hash after it.
import { createHash } from 'node:crypto';
import type { AuditRecord } from './types';

/** JSON with object keys sorted, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Exactly the fields the chain covers, as the adapters store them: `undefined` before/after is
 * stored as NULL, and a caller's extra properties are not stored at all, so neither may count.
 */
export function auditFields(entry: AuditRecord): AuditRecord {
  return {
    at: entry.at,
    actorId: entry.actorId,
    workstationId: entry.workstationId,
    action: entry.action,
    collection: entry.collection,
    docId: entry.docId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason,
  };
}

export function auditHash(prevHash: string, entry: AuditRecord): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(auditFields(entry))).digest('hex');
}
