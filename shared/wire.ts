// The HTTP contract between workstations (and outside clients) and the sync server.
import { z } from 'zod';

export const ROLES = ['front_desk', 'billing', 'referrals', 'clinical_support', 'clinician', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /** The workstation's own id (a random id it keeps); recorded with every change it makes. */
  workstationId: z.string().min(1).max(64).optional(),
  /** The secret an enrolled workstation received at enrollment; proves `workstationId`. */
  workstationSecret: z.string().min(1).max(256).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

const PublicUserFields = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Every role the user holds; the policy takes their union. */
  roles: z.array(Role).min(1),
  /** The first of `roles`, kept for clients written before a user could hold several. */
  role: Role,
  locationIds: z.array(z.string()).optional(),
});
/** A user as the server describes them; an older answer or stored session with only `role` still parses. */
export const PublicUser = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !('roles' in value) && 'role' in value ? { ...value, roles: [value.role] } : value,
  PublicUserFields,
);
export type PublicUser = z.infer<typeof PublicUser>;

export const LoginResponse = z.object({
  token: z.string(),
  user: PublicUser,
  /** Trades for a new access token (and a new refresh token) at POST /api/auth/refresh; works once. */
  refreshToken: z.string().optional(),
  /** Seconds until `token` expires. */
  expiresIn: z.number().int().positive().optional(),
  /** The keyring's escrow secret for this user (hex HMAC); opens their key after a password reset. */
  keySecret: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** An admin set this password (new person, reset): the app asks for one of the person's own. */
  passwordTemporary: z.boolean().optional(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(512) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;
export const RefreshResponse = z.object({ token: z.string(), refreshToken: z.string(), expiresIn: z.number().int().positive() });
export type RefreshResponse = z.infer<typeof RefreshResponse>;

/** Sign-out ends the bearer token's session, or the one of `refreshToken` when the token has expired. */
export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(512).optional() });
export const LockRequest = z.object({ reason: z.enum(['manual', 'inactivity']).default('manual') });
export const UnlockRequest = z.object({ method: z.enum(['pin', 'password']).optional() });

export const EnrollmentCodeRequest = z.object({ locationId: z.string().trim().min(1).max(64) });
export const EnrollmentCodeResponse = z.object({ code: z.string(), locationId: z.string(), expiresAt: z.string() });
export type EnrollmentCodeResponse = z.infer<typeof EnrollmentCodeResponse>;
export const EnrollRequest = z.object({
  code: z.string().trim().min(1).max(64),
  /** A label IT recognises, e.g. "Front desk 2". */
  name: z.string().trim().min(1).max(100),
});
export const EnrollResponse = z.object({ workstationId: z.string(), workstationSecret: z.string(), locationId: z.string() });
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** `from` inclusive, `to` exclusive; a bare date as `to` means through the end of that day (UTC). */
export const AuditExportQuery = z.object({
  from: z.string().min(1).max(40),
  to: z.string().min(1).max(40),
});

/** PATCH /api/admin/users/:id: what an admin changes about a user's access (each optional). */
export const UserAccessPatch = z
  .object({
    roles: z.array(Role).min(1).max(ROLES.length).optional(),
    locationIds: z.array(z.string().trim().min(1).max(64)).min(1).max(100).optional(),
  })
  .strict()
  .refine((patch) => patch.roles !== undefined || patch.locationIds !== undefined, { message: 'Send roles, locationIds or both' });
export type UserAccessPatch = z.infer<typeof UserAccessPatch>;

/** GET /api/admin/users: one person as the admin screen lists them (never a password hash). */
export const AdminUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  locationIds: z.array(z.string()),
  active: z.boolean(),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const AdminUserList = z.array(AdminUser);

/** Passwords an admin sets (new person, reset): long enough to resist guessing; never logged. */
export const NewPassword = z.string().min(12, 'The password must be at least 12 characters').max(256);

/** POST /api/admin/users: a new person (the admin grants only locations they administer). */
export const NewUserRequest = z
  .object({
    username: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dots, dashes and underscores only'),
    displayName: z.string().trim().min(1).max(120),
    roles: z.array(Role).min(1).max(ROLES.length),
    locationIds: z.array(z.string().trim().min(1).max(64)).min(1).max(100),
    password: NewPassword,
  })
  .strict();
export type NewUserRequest = z.infer<typeof NewUserRequest>;

/** POST /api/admin/users/:id/password: a new (temporary) password. */
export const PasswordReset = z.object({ password: NewPassword }).strict();
export type PasswordReset = z.infer<typeof PasswordReset>;

/** POST /api/auth/password: the signed-in person changes their own password. */
export const PasswordChange = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: NewPassword })
  .strict()
  .refine((b) => b.newPassword !== b.currentPassword, {
    message: 'The new password must differ from the current one',
    path: ['newPassword'],
  });
export type PasswordChange = z.infer<typeof PasswordChange>;

/** `:id` in an admin path. */
export const IdParams = z.object({ id: z.string().min(1).max(64) });

export const SessionInfo = z.object({
  id: z.string(),
  userId: z.string(),
  workstationId: z.string(),
  workstationEnrolled: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const PULL_LIMIT_DEFAULT = 200;
const PULL_LIMIT_MAX = 5000;

/** `checkpoint` is opaque to clients: send back exactly what the last pull returned. */
export const PullQuery = z.object({
  checkpoint: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(PULL_LIMIT_DEFAULT),
});

/**
 * A document in a server's answer. Documents are validated per collection by the receiver; the
 * envelope only says they are objects, and takes them as they are: z.record copied every document
 * field by field, 0.4 s of a 50,000-task first sync and part of every change event's handling.
 */
const ServerDocument = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
  message: 'Expected a document (an object)',
});

export const PullResponse = z.object({
  documents: z.array(ServerDocument),
  checkpoint: z.string().nullable(),
  /**
   * The checkpoint sent came from the database as it was before a restore (or named a seq it never
   * reached): this answer starts from zero, and the client pushes again everything it holds.
   */
  reset: z.literal(true).optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const PushRow = z.object({
  assumedMasterState: z.record(z.string(), z.unknown()).nullish(),
  newDocumentState: z.record(z.string(), z.unknown()),
});
export type PushRow = z.infer<typeof PushRow>;
/** Rows per push: the replication client's batch size; the server refuses a longer push. */
export const PUSH_ROWS_MAX = 200;
export const PushRequest = z.array(PushRow).max(PUSH_ROWS_MAX);

/**
 * Sent by replicating workstations on push: refused rows are answered in the 200 body (the
 * replication protocol). Without it (a direct API call) a row refused for permission answers 403.
 */
export const REPLICATION_HEADER = 'x-baton-replication';

/**
 * Sent with every push: the id of the client's local replica (RxDB's storage token of the person's
 * database on that workstation), which outlives reloads and new sign-ins. The server treats a push
 * whose every intervening write came from this same replica of this person as a plain update,
 * never as a conflict with itself. Without it, the session is the writer.
 */
export const WRITER_HEADER = 'x-baton-writer';
export const WriterId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'The writer id (X-Baton-Writer) must be 8 to 64 letters, digits, dashes or underscores');

/** The server's answer: current server documents for the rows that did not apply as sent. */
export const PushResponse = z.array(ServerDocument);

/** Sent on `GET /api/sync/stream` as `event: change`. */
export const ChangeEvent = z.object({
  collections: z.array(z.string()),
  seq: z.number().int(),
  /**
   * The changed documents as this reader may see them (a removal where they lost access), so a
   * workstation shows them without waiting for a pull.
   */
  documents: z.array(ServerDocument).optional(),
  /**
   * Sent when the server proves nothing else this reader may read changed since its event at
   * checkpoint `after`: a replica whose checkpoint is exactly `after` takes `checkpoint` with the
   * documents and needs no pull.
   */
  after: z.string().max(300).optional(),
  checkpoint: z.string().max(300).optional(),
  /** The reader's roles or locations changed: besides pulling, the client re-reads who it is (GET /api/auth/me). */
  scope: z.literal(true).optional(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;
export const HEARTBEAT_MS = 10_000;

export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Checkpoints are the server sequence number as a decimal string. */
export function encodeCheckpoint(seq: number): string {
  return String(seq);
}

/** Accepts "12", "\"12\"" (a JSON-encoded string) and {"seq":12} so that clients that re-encode still work. */
export function decodeCheckpoint(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '' || raw === 'null' || raw === 'undefined') return 0;
  let value: unknown = raw;
  if (!/^\d+$/.test(raw)) {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (typeof value === 'object' && value !== null && 'seq' in value) value = value.seq;
  const seq = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
}
