// Rows as either driver returns them, and their mapping to records. The differences are only of
// representation: SQLite booleans are 0/1 and JSON is text; pg returns booleans, parsed jsonb, and
// bigint as a string (seqs and audit ids stay far below 2^53).
import type { AuditRecord, ChangedDoc, SessionRecord, StoredAuditEntry, StoredDoc, UserRecord, WorkstationRecord } from '../types';

type Json = (value: unknown) => unknown;
type Int = number | string;
type Flag = number | boolean;

const flag = (value: unknown): boolean => value === true || value === 1;

export interface DocRow {
  collection: string;
  id: string;
  seq: Int;
  deleted: Flag;
  data: unknown;
  buckets: unknown;
}
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  /** NULL in rows written before users could hold several roles. */
  roles: unknown;
  location_ids: unknown;
  password_hash: string;
  /** NULL in rows written before temporary passwords were marked. */
  password_temporary: Flag | null;
  active: Flag;
  created_at: string;
}
export interface AuditRow {
  id: Int;
  at: string;
  actor_id: string;
  workstation_id: string;
  action: string;
  collection: string;
  doc_id: string;
  before: unknown;
  after: unknown;
  reason: string;
  prev_hash: string;
  hash: string;
}
export interface SessionRow {
  id: string;
  user_id: string;
  workstation_id: string;
  workstation_enrolled: Flag;
  refresh_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}
export interface WorkstationRow {
  id: string;
  location_id: string;
  name: string;
  secret_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  app_version: string | null;
}

export const toDoc = (row: DocRow, json: Json): StoredDoc => ({
  collection: row.collection,
  id: row.id,
  seq: Number(row.seq),
  deleted: flag(row.deleted),
  data: json(row.data) as Record<string, unknown>,
  buckets: json(row.buckets) as string[],
});

/** A pulled document: `data` is selected as JSON text by both dialects (see Dialect.changes) and kept so. */
export const toChangedDoc = (row: DocRow, json: Json): ChangedDoc => ({
  collection: row.collection,
  id: row.id,
  seq: Number(row.seq),
  deleted: flag(row.deleted),
  json: row.data as string,
  buckets: json(row.buckets) as string[],
});

export const toUser = (row: UserRow, json: Json): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles === null ? [row.role] : (json(row.roles) as string[]),
  locationIds: json(row.location_ids) as string[],
  passwordHash: row.password_hash,
  passwordTemporary: flag(row.password_temporary),
  active: flag(row.active),
  createdAt: row.created_at,
});

/** An audit entry without its chain link (what the admin's audit list shows). */
const toAudit = (row: AuditRow, json: Json): AuditRecord & { id: number } => ({
  id: Number(row.id),
  at: row.at,
  actorId: row.actor_id,
  workstationId: row.workstation_id,
  action: row.action,
  collection: row.collection,
  docId: row.doc_id,
  before: row.before === null ? null : json(row.before),
  after: row.after === null ? null : json(row.after),
  reason: row.reason,
});

export const toStoredAudit = (row: AuditRow, json: Json): StoredAuditEntry => ({
  ...toAudit(row, json),
  prevHash: row.prev_hash,
  hash: row.hash,
});

export const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  workstationId: row.workstation_id,
  workstationEnrolled: flag(row.workstation_enrolled),
  refreshHash: row.refresh_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export const toWorkstation = (row: WorkstationRow): WorkstationRecord => ({
  id: row.id,
  locationId: row.location_id,
  name: row.name,
  secretHash: row.secret_hash,
  enrolledAt: row.enrolled_at,
  revokedAt: row.revoked_at ?? null,
  lastSeenAt: row.last_seen_at ?? null,
  appVersion: row.app_version ?? null,
});
