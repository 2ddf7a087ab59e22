// The audit log is hash-chained: each entry's hash covers the previous hash and the entry,
// so editing or removing any row breaks every hash after it. With the audit key (a secret kept
// outside the database, see secrets/) the link is an HMAC, so whoever holds only the database
// cannot recompute a chain they rewrote.
import { createHash, createHmac } from 'node:crypto';
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
 * A string as both databases can store it exactly: SQLite and the pg driver turn a lone UTF-16
 * surrogate into U+FFFD on the way to UTF-8, and PostgreSQL refuses NUL in text and jsonb. Both
 * become U+FFFD before hashing, so what is hashed is what is stored and read back.
 */
export const storableText = (text: string): string => text.toWellFormed().replace(/\0/g, '\uFFFD');

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(storableValue);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v)]));
}

/** A JSON value as it is stored: through JSON (dates, undefined, NaN as JSON has them), then storable text. */
function storableJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return storableValue(JSON.parse(JSON.stringify(value)));
}

/**
 * Exactly the fields the chain covers, as the adapters store them: `undefined` before/after is
 * stored as NULL, a caller's extra properties are not stored at all, and text is storable.
 */
export function auditFields(entry: AuditRecord): AuditRecord {
  return {
    at: storableText(entry.at),
    actorId: storableText(entry.actorId),
    workstationId: storableText(entry.workstationId),
    action: storableText(entry.action),
    collection: storableText(entry.collection),
    docId: storableText(entry.docId),
    before: storableJson(entry.before),
    after: storableJson(entry.after),
    reason: storableText(entry.reason),
  };
}

/** The link of one entry: SHA-256 without a key (entries written before the key existed), else HMAC-SHA256. */
export function auditHash(prevHash: string, entry: AuditRecord, key?: Buffer): string {
  return hashOfFields(prevHash, auditFields(entry), key);
}

/** The link of an entry whose fields are already as stored (`auditFields`). */
function hashOfFields(prevHash: string, fields: AuditRecord, key?: Buffer): string {
  const digest = key ? createHmac('sha256', key) : createHash('sha256');
  return digest.update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** Where the chain stood: the newest entry's id and hash. */
export interface ChainPoint {
  id: number;
  hash: string;
}

/**
 * How a storage adapter links what it appends: with the audit key, and telling who keeps the
 * chain's head outside the database (secrets/audit-head.ts) each time entries commit.
 */
export interface AuditChain {
  key?: Buffer;
  committed(head: ChainPoint): void;
}

/** Tests and tools that open a database without the server's secrets: plain SHA-256, no head kept. */
export const UNKEYED_CHAIN: AuditChain = { committed: () => undefined };

/** An entry as both adapters insert it: the stored fields and its link. */
type LinkedAuditRow = AuditRecord & { prevHash: string; hash: string };

/** The two statements an adapter runs for an append, inside its write transaction. */
export interface AuditAppendRows {
  /** The hash of the newest entry (undefined when the log is empty). */
  lastHash(): Promise<string | undefined>;
  /** Inserts the row and returns its id. */
  insert(row: LinkedAuditRow): Promise<number>;
}

/**
 * The one way an entry joins the chain, for both adapters: linked to the newest entry, with the
 * fields exactly as stored. The caller's write lock keeps appenders in line, so the newest entry
 * is the chain's head; the point returned is reported to the chain once the transaction commits.
 */
export async function appendToChain(rows: AuditAppendRows, entry: AuditRecord, key: Buffer | undefined): Promise<ChainPoint> {
  const prevHash = (await rows.lastHash()) ?? GENESIS_HASH;
  const fields = auditFields(entry);
  // The fields once made storable: making them so again (a JSON round trip of the whole before and
  // after) changes nothing and cost a third of an append.
  const hash = hashOfFields(prevHash, fields, key);
  return { id: await rows.insert({ ...fields, prevHash, hash }), hash };
}
