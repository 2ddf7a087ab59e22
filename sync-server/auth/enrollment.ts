// Workstation enrollment: an admin issues a one-time code for a location; a workstation trades it
// once for an id and a secret, and proves itself with both at every sign-in.
import { randomBytes, randomInt } from 'node:crypto';
import { newId } from '../../shared/ids';
import type { Storage, WorkstationRecord } from '../storage/types';
import { sameHash, sha256 } from './sessions';

export const ENROLLMENT_CODE_TTL_MS = 24 * 3600_000;

// Crockford base32 without I, L, O, U: easy to read out over the phone and to type.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters (60 bits) as XXXX-XXXX-XXXX. */
export function newEnrollmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** What a person typed, in the form codes are hashed in: upper case, no separators, O→0, I/L→1. */
export function normalizeEnrollmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const enrollmentCodeHash = (code: string) => sha256(`enroll:${normalizeEnrollmentCode(code)}`);

export async function issueEnrollmentCode(storage: Storage, locationId: string, createdBy: string): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrollmentCode();
  const now = Date.now();
  const expiresAt = new Date(now + ENROLLMENT_CODE_TTL_MS).toISOString();
  await storage.insertEnrollmentCode({ codeHash: enrollmentCodeHash(code), locationId, createdBy, createdAt: new Date(now).toISOString(), expiresAt });
  return { code, expiresAt };
}

/** Uses a code; undefined when it is unknown, used or expired. */
export async function enroll(storage: Storage, code: string, name: string): Promise<{ workstation: WorkstationRecord; secret: string } | undefined> {
  const secret = randomBytes(32).toString('base64url');
  const workstation = await storage.enrollWorkstation(enrollmentCodeHash(code), new Date().toISOString(), {
    id: `ws-${newId()}`,
    name,
    secretHash: sha256(secret),
    enrolledAt: new Date().toISOString(),
  });
  return workstation ? { workstation, secret } : undefined;
}

export type WorkstationCheck =
  | { ok: true; id: string; enrolled: boolean }
  | { ok: false; reason: string };

/**
 * Which workstation a sign-in comes from. With a secret it must be an enrolled workstation's;
 * without one the id is taken as given and marked unenrolled, unless enrollment is required. An
 * enrolled workstation's id without its secret is refused: someone is borrowing its name.
 */
export async function checkWorkstation(
  storage: Storage,
  given: { workstationId?: string; workstationSecret?: string },
  requireEnrollment: boolean,
): Promise<WorkstationCheck> {
  const id = given.workstationId ?? 'unknown';
  const enrolled = given.workstationId ? await storage.getWorkstation(given.workstationId) : undefined;
  if (given.workstationSecret !== undefined) {
    if (!enrolled || !sameHash(sha256(given.workstationSecret), enrolled.secretHash)) return { ok: false, reason: 'workstation id or secret not recognised' };
    return { ok: true, id, enrolled: true };
  }
  if (enrolled) return { ok: false, reason: 'enrolled workstation id without its secret' };
  if (requireEnrollment) return { ok: false, reason: 'workstation not enrolled' };
  return { ok: true, id, enrolled: false };
}

/** How the audit log names a workstation: an unenrolled id is the workstation's own claim, so it is marked. */
export const auditWorkstationId = (actor: { workstationId: string; workstationEnrolled?: boolean }) =>
  actor.workstationEnrolled === false ? `unenrolled:${actor.workstationId}` : actor.workstationId;
