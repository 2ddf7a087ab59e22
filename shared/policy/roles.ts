// The role policy as data: what each role reads and what kind of change it may make. The pure
// functions in this folder read only this table, so the matrix test can derive every expectation
// from it too.
import type { ConfigKind } from '../config/schemas';
import type { Role } from '../wire';

export interface RolePolicy {
  label: string;
  /** Queues this role reads (and works) at its locations; 'all' = every queue. */
  queues: readonly string[] | 'all';
  /** Reads the tasks waiting for its sign-off (the review bucket of the role) at its locations. */
  reviews: boolean;
  /** Files new tasks (intake, follow-ups). */
  files: boolean;
  /** Edits a task's details: title, request, patient reference, priority, due, checklist, notes. */
  editsDetails: boolean;
  /** Triage: category, type, queue, and assigning any owner (everyone else may only take a task). */
  triages: boolean;
  /** Moves tasks between its locations and deletes them. */
  manages: boolean;
  /**
   * What of the configuration it edits: 'all' (add, change, remove anything), or per kind the body
   * fields it may change on existing entries (least privilege: a manager marks people out, nothing else).
   */
  config: 'all' | { readonly [K in ConfigKind]?: readonly string[] };
}

const STAFF = { reviews: true, files: true, editsDetails: true, manages: false, config: {} } as const;

export const ROLE_POLICY: Record<Role, RolePolicy> = {
  front_desk: { ...STAFF, label: 'Front desk', queues: ['front_desk'], triages: true },
  billing: { ...STAFF, label: 'Billing', queues: ['billing'], triages: true },
  referrals: { ...STAFF, label: 'Referrals', queues: ['referrals'], triages: true },
  clinical_support: { ...STAFF, label: 'Clinical support', queues: ['clinical_support', 'practice_ops'], triages: true },
  clinician: { ...STAFF, label: 'Clinician', queues: ['clinician'], triages: false },
  // Managers set out-of-office and the coverer of staff at their locations (config-change.ts scopes it).
  manager: {
    ...STAFF,
    label: 'Manager',
    queues: 'all',
    triages: true,
    manages: true,
    config: { staff: ['out', 'outFrom', 'outTo', 'coveredBy'] },
  },
  // Minimum necessary: the administrator configures the practice and reads no task (no PHI).
  admin: {
    label: 'Administrator',
    queues: [],
    reviews: false,
    files: false,
    editsDetails: false,
    triages: false,
    manages: false,
    config: 'all',
  },
};

/** Whether any of `roles` has `capability`. Policy questions always take the union of a user's roles. */
export function anyRole(roles: readonly Role[], capability: (p: RolePolicy) => boolean): boolean {
  return roles.some((role) => capability(ROLE_POLICY[role]));
}
