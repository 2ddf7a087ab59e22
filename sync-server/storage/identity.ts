// The database's identity and its restores, kept in the settings table. Every pull checkpoint
// names the identity it was issued under (sync/scope.ts): a restore renews the identity, so a
// workstation whose checkpoint came from the database as it was before the restore starts over
// (sync/pull.ts) and pushes again what it holds (renderer/sync/replication.ts).
//
// A restore also moves the sequence on by RESTORE_SEQ_GAP: the sequence numbers written between
// the backup and the restore (gone with that database, but still on workstations as checkpoints
// and document revisions) are never issued again, so a revision from that lost stretch is known
// for what it is (sync/push.ts: an edit of a state the server lost lands, it is not merged away).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Storage } from '../storage/types';

export const DATABASE_ID_KEY = 'database_id';
export const RESTORES_KEY = 'restores';
/** Far more writes than any practice makes between a backup and its restore. */
export const RESTORE_SEQ_GAP = 1_000_000_000;

export const DatabaseId = z.string().regex(/^[0-9a-f]{12}$/);
export const newDatabaseId = (): string => randomBytes(6).toString('hex');

/** One restore: the backup's last seq, and where the sequence went on from. */
export const RestorePoint = z.object({
  /** The highest seq the backup held. */
  seq: z.number().int().nonnegative(),
  /** The sequence went on after this; (seq, resumeAt] belong to the lost stretch. */
  resumeAt: z.number().int().nonnegative(),
  at: z.string(),
  databaseId: DatabaseId,
  previousDatabaseId: DatabaseId.optional(),
});
export type RestorePoint = z.infer<typeof RestorePoint>;
const RestorePoints = z.array(RestorePoint);

/**
 * The database's identity, made the first time a release with identities opens it. Instances
 * starting together on an empty database agree on one: the first claim stands (insert-if-absent,
 * as the secrets' fingerprints in secrets/agreement.ts); a damaged value is replaced.
 */
export async function databaseId(storage: Pick<Storage, 'getSetting' | 'setSetting' | 'claimSetting'>): Promise<string> {
  const stored = await storage.getSetting(DATABASE_ID_KEY);
  if (stored !== undefined && DatabaseId.safeParse(stored).success) return stored;
  if (stored === undefined) return storage.claimSetting(DATABASE_ID_KEY, newDatabaseId());
  const id = newDatabaseId();
  await storage.setSetting(DATABASE_ID_KEY, id);
  return id;
}

export async function restorePoints(storage: Pick<Storage, 'getSetting'>): Promise<RestorePoint[]> {
  const stored = await storage.getSetting(RESTORES_KEY);
  if (stored === undefined) return [];
  const parsed = RestorePoints.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : [];
}

/** The restore whose lost stretch `rev` falls in (written after its backup, gone with the restore). */
export function lostIn(points: readonly RestorePoint[], rev: unknown): RestorePoint | undefined {
  if (typeof rev !== 'number' || !Number.isSafeInteger(rev)) return undefined;
  return points.find((p) => rev > p.seq && rev <= p.resumeAt);
}
