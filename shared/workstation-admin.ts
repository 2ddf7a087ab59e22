// The wire contract of rolling out workstations: enrollment tokens for a deployment script, the
// admin's workstation list, revocation, and the status a workstation asks for at start.
import { z } from 'zod';

export const EnrollmentTokenRequest = z.strictObject({
  locationId: z.string().trim().min(1).max(64),
  /** How many workstations the token may enroll (one use each). */
  maxUses: z.number().int().min(1).max(10_000),
  expiresInDays: z.number().int().min(1).max(90),
});
export type EnrollmentTokenRequest = z.infer<typeof EnrollmentTokenRequest>;

export const EnrollmentTokenResponse = z.strictObject({
  token: z.string(),
  locationId: z.string(),
  maxUses: z.number().int(),
  expiresAt: z.string(),
});
export type EnrollmentTokenResponse = z.infer<typeof EnrollmentTokenResponse>;

/** One row of GET /api/admin/workstations: never the secret's hash. */
export const AdminWorkstation = z.strictObject({
  id: z.string(),
  name: z.string(),
  locationId: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type AdminWorkstation = z.infer<typeof AdminWorkstation>;
export const AdminWorkstationList = z.array(AdminWorkstation);

/** A workstation proves itself with its id and secret, as at sign-in. */
export const WorkstationStatusRequest = z.strictObject({
  workstationId: z.string().min(1).max(64),
  workstationSecret: z.string().min(1).max(256),
});
export const WorkstationStatus = z.strictObject({ status: z.enum(['active', 'revoked']) });
export type WorkstationStatus = z.infer<typeof WorkstationStatus>;

/** The error code of a sign-in or status check from a revoked workstation: the app wipes its replicas. */
export const WORKSTATION_REVOKED_ERROR = 'workstation_revoked';
