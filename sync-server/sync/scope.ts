// A user's read scope in the pull checkpoint. The checkpoint names the scope (a short hash of the
// bucket list) it was built under; when the user's roles, locations or the practice's queues
// change, the hash no longer matches, the pull starts over from 0 and also reads the buckets of the
// old scope, so docs the user lost come back as removals and docs they gained arrive in full.
// Bucket lists are kept by hash per user in the settings table: a client can only name a scope
// its own user once had, so a forged checkpoint reveals nothing of other users' buckets.
import { createHash } from 'node:crypto';
import { decodeCheckpoint } from '../../shared/wire';
import type { Storage } from '../storage/types';

export interface ScopedCheckpoint {
  seq: number;
  /** Hash of the scope the client's replica was built under; undefined for a pre-scope checkpoint. */
  scope?: string;
  /** Hash of buckets lost in a resync still running (removals are still being sent). */
  lost?: string;
  /**
   * In a resync still running: the seq the replica had reached before it (it can hold nothing
   * that left the reader's buckets by then, so no removal is sent for that).
   */
  held?: number;
  /** The database identity it was issued under (backup/identity.ts); undefined before identities. */
  db?: string;
}

const HASH = /^[0-9a-f]{12}$/;
const HELD = /^h\d+$/;
const DB = /^d[0-9a-f]{12}$/;

export const scopeHash = (buckets: string[]) =>
  createHash('sha256')
    .update([...buckets].sort().join('\n'))
    .digest('hex')
    .slice(0, 12);

export function encodeScoped({ seq, scope, lost, held, db }: ScopedCheckpoint): string {
  return [String(seq), scope, lost, held === undefined ? undefined : `h${held}`, db === undefined ? undefined : `d${db}`]
    .filter((p) => p !== undefined)
    .join('.');
}

/** undefined: not a checkpoint this server issued (answer 400). */
export function decodeScoped(raw: string | undefined): ScopedCheckpoint | undefined {
  const parts = raw?.split('.') ?? [];
  const dbPart = parts.length >= 3 && DB.test(parts[parts.length - 1]) ? parts.pop() : undefined;
  const heldPart = parts.length >= 3 && HELD.test(parts[parts.length - 1]) ? parts.pop() : undefined;
  if (parts.length >= 2 && parts.length <= 3 && /^\d+$/.test(parts[0]) && parts.slice(1).every((p) => HASH.test(p))) {
    const seq = Number(parts[0]);
    const held = heldPart === undefined ? undefined : Number(heldPart.slice(1));
    if (!Number.isSafeInteger(seq) || (held !== undefined && !Number.isSafeInteger(held))) return undefined;
    return {
      seq,
      scope: parts[1],
      lost: parts[2],
      ...(held === undefined ? {} : { held }),
      ...(dbPart === undefined ? {} : { db: dbPart.slice(1) }),
    };
  }
  if (dbPart !== undefined || heldPart !== undefined) return undefined;
  const seq = decodeCheckpoint(raw);
  return seq === undefined ? undefined : { seq };
}

const saved = new WeakMap<Storage, Set<string>>();
const key = (userId: string, hash: string) => `scope:${userId}:${hash}`;

/** Stores the bucket list under its hash (once per process) and returns the hash. */
export async function rememberScope(storage: Storage, userId: string, buckets: string[]): Promise<string> {
  const hash = scopeHash(buckets);
  const known = saved.get(storage) ?? new Set<string>();
  saved.set(storage, known);
  if (!known.has(key(userId, hash))) {
    if ((await storage.getSetting(key(userId, hash))) === undefined)
      await storage.setSetting(key(userId, hash), JSON.stringify([...buckets].sort()));
    known.add(key(userId, hash));
  }
  return hash;
}

/** The buckets of one of this user's earlier scopes ([] when unknown). */
export async function recallScope(storage: Storage, userId: string, hash: string | undefined): Promise<string[]> {
  if (!hash) return [];
  const stored = await storage.getSetting(key(userId, hash));
  if (!stored) return [];
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((b): b is string => typeof b === 'string') : [];
}
