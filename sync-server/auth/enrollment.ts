// Workstation enrollment: an admin issues a one-time code for a location; a workstation trades it
// once for an id and a secret, and proves itself with both at every sign-in.
import { randomBytes, randomInt } from 'node:crypto';
import { CLIENT_VERSION_HEADER, Version } from '../../shared/client-version';
import { newId } from '../../shared/ids';
import type { Storage, WorkstationRecord } from '../storage/types';
import { sameHash, sha256 } from './sessions';

const ENROLLMENT_CODE_TTL_MS = 24 * 3600_000;

// Crockford base32 without I, L, O, U: easy to read out over the phone and to type.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters (60 bits) as XXXX-XXXX-XXXX; a token for several workstations: 24 (120 bits). */
function newEnrollmentCode(length = 12): string {
  const chars = Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** What a person typed, in the form codes are hashed in: upper case, no separators, O→0, I/L→1. */
function normalizeEnrollmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const enrollmentCodeHash = (code: string) => sha256(`enroll:${normalizeEnrollmentCode(code)}`);

export async function issueEnrollmentCode(
  storage: Storage,
  locationId: string,
  createdBy: string,
): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrollmentCode();
  const now = Date.now();
  const expiresAt = new Date(now + ENROLLMENT_CODE_TTL_MS).toISOString();
  await storage.insertEnrollmentCode({
    codeHash: enrollmentCodeHash(code),
    locationId,
    createdBy,
    createdAt: new Date(now).toISOString(),
    expiresAt,
  });
  return { code, expiresAt };
}

/**
 * A location's token for a deployment script: enrolls up to `maxUses` workstations (one use each)
 * until it expires. Longer than a code: it sits in scripts and is not read out over the phone.
 */
export async function issueEnrollmentToken(
  storage: Storage,
  request: { locationId: string; maxUses: number; expiresInDays: number },
  createdBy: string,
): Promise<{ token: string; expiresAt: string }> {
  const token = newEnrollmentCode(24);
  const now = Date.now();
  const expiresAt = new Date(now + request.expiresInDays * 24 * 3600_000).toISOString();
  await storage.insertEnrollmentToken({
    codeHash: enrollmentCodeHash(token),
    locationId: request.locationId,
    createdBy,
    createdAt: new Date(now).toISOString(),
    expiresAt,
    maxUses: request.maxUses,
  });
  return { token, expiresAt };
}

/** Uses a code, or one use of a token; undefined when it is unknown, used up or expired. */
export async function enroll(
  storage: Storage,
  code: string,
  name: string,
): Promise<{ workstation: WorkstationRecord; secret: string } | undefined> {
  const secret = randomBytes(32).toString('base64url');
  const workstation = await storage.enrollWorkstation(enrollmentCodeHash(code), new Date().toISOString(), {
    id: `ws-${newId()}`,
    name,
    secretHash: sha256(secret),
    enrolledAt: new Date().toISOString(),
  });
  return workstation ? { workstation, secret } : undefined;
}

export const WORKSTATION_REVOKED = 'workstation revoked';

export type WorkstationCheck = { ok: true; id: string; enrolled: boolean } | { ok: false; reason: string };

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
    if (!enrolled || !sameHash(sha256(given.workstationSecret), enrolled.secretHash))
      return { ok: false, reason: 'workstation id or secret not recognised' };
    if (enrolled.revokedAt !== null) return { ok: false, reason: WORKSTATION_REVOKED };
    return { ok: true, id, enrolled: true };
  }
  if (enrolled) return { ok: false, reason: 'enrolled workstation id without its secret' };
  if (requireEnrollment) return { ok: false, reason: 'workstation not enrolled' };
  return { ok: true, id, enrolled: false };
}

/** How the audit log names a workstation: an unenrolled id is the workstation's own claim, so it is marked. */
export const auditWorkstationId = (actor: { workstationId: string; workstationEnrolled?: boolean }) =>
  actor.workstationEnrolled === false ? `unenrolled:${actor.workstationId}` : actor.workstationId;

/** The release an app names in its header (ignored when it is not a version). */
function namedVersion(headers: Record<string, string | string[] | undefined>): string | null {
  const named = Version.safeParse(headers[CLIENT_VERSION_HEADER]);
  return named.success ? named.data : null;
}

/** A contact from an enrolled workstation: when, and which release (the admin's list shows both). */
export async function touchWorkstation(
  storage: Storage,
  workstationId: string,
  headers: Record<string, string | string[] | undefined>,
): Promise<void> {
  await storage.touchWorkstation(workstationId, new Date().toISOString(), namedVersion(headers));
}
