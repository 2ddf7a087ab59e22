// The practice's configuration: replicated data, edited by an admin in the app, so every
// workstation applies the same rules offline. One `config` collection; `kind` says which schema.
import { z } from 'zod';
import { Role } from '../wire';

export const INTAKE_FIELDS = ['category', 'patientRef', 'providerId', 'dueAt', 'channel', 'description'] as const;
export const IntakeField = z.enum(INTAKE_FIELDS);
export type IntakeField = z.infer<typeof IntakeField>;

export const FollowUpRule = z.object({
  /** The outcome the task is closed with (e.g. "approved", "rejected", "scheduled"). */
  onOutcome: z.string().min(1).max(64),
  typeId: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  /** Who owns the new task: the closed task's owner, its creator, or whoever routing picks. */
  assignTo: z.enum(['owner', 'creator', 'routing']),
  dueHours: z.number().min(0).max(2000),
});
export type FollowUpRule = z.infer<typeof FollowUpRule>;

export const TaskTypeConfig = z.object({
  label: z.string().min(1).max(120),
  category: z.string().min(1).max(64),
  defaultQueue: z.string().min(1).max(64),
  /** Default time to due, in business hours of the location. */
  defaultDueHours: z.number().min(0).max(2000),
  requiredFields: z.array(IntakeField),
  review: z.object({ required: z.boolean(), role: z.union([Role, z.literal('')]) }),
  checklist: z.array(z.string().min(1).max(200)).max(30),
  noteTemplates: z.array(z.object({ label: z.string().min(1).max(80), text: z.string().min(1).max(2000) })).max(20),
  /** Outcomes a person picks when approving or closing. */
  outcomes: z.array(z.string().min(1).max(64)).max(20),
  followUps: z.array(FollowUpRule).max(10),
  active: z.boolean(),
});
export type TaskTypeConfig = z.infer<typeof TaskTypeConfig>;

export const RoutingRule = z.object({
  /** Lower runs first; the first active rule that matches decides. */
  order: z.number().int(),
  match: z.object({
    typeId: z.string().max(64).optional(),
    category: z.string().max(64).optional(),
    locationId: z.string().max(64).optional(),
    providerId: z.string().max(64).optional(),
  }),
  queue: z.string().min(1).max(64),
  strategy: z.enum(['round_robin', 'least_open']),
  /** The people this rule assigns to (user ids): always one owner, never a group. */
  pool: z.array(z.string().min(1).max(64)).max(200),
  active: z.boolean(),
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const REASON_KINDS = ['exception', 'rejection', 'needs_info', 'reopen'] as const;
export const ReasonKind = z.enum(REASON_KINDS);
export type ReasonKind = z.infer<typeof ReasonKind>;

export const ReasonCode = z.object({
  kind: ReasonKind,
  label: z.string().min(1).max(120),
  active: z.boolean(),
});
export type ReasonCode = z.infer<typeof ReasonCode>;

export const StaffMember = z.object({
  userId: z.string().min(1).max(64),
  displayName: z.string().min(1).max(120),
  role: Role,
  locationIds: z.array(z.string().max(64)),
  queues: z.array(z.string().max(64)),
  /** Marked out (leave, sick): routing skips them. */
  out: z.boolean(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const QueueConfig = z.object({ label: z.string().min(1).max(120) });
export const CategoryConfig = z.object({ label: z.string().min(1).max(120) });
export const LOCATION_LOCK_DEFAULTS = { lockAfterMinutes: 5, offlineSignInHours: 72 } as const;
export const LocationConfig = z.object({
  label: z.string().min(1).max(120),
  timeZone: z.string().min(1).max(64),
  businessHours: z.object({
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
    /** 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1),
  }),
  /** Shared workstations: lock after this much inactivity. */
  lockAfterMinutes: z.number().int().min(1).max(1440).default(LOCATION_LOCK_DEFAULTS.lockAfterMinutes),
  /** Offline sign-in (PIN or password) works this long after the last online sign-in. */
  offlineSignInHours: z.number().int().min(0).max(24 * 90).default(LOCATION_LOCK_DEFAULTS.offlineSignInHours),
});
export type LocationConfig = z.infer<typeof LocationConfig>;

export const CONFIG_BODIES = {
  task_type: TaskTypeConfig,
  routing_rule: RoutingRule,
  reason_code: ReasonCode,
  staff: StaffMember,
  queue: QueueConfig,
  category: CategoryConfig,
  location: LocationConfig,
} as const;
export type ConfigKind = keyof typeof CONFIG_BODIES;
export const CONFIG_KINDS = Object.keys(CONFIG_BODIES) as ConfigKind[];
export type ConfigBody<K extends ConfigKind> = z.infer<(typeof CONFIG_BODIES)[K]>;

const isoDate = z.iso.datetime({ offset: true });

/** A config document as replicated: `id` is `<kind>:<key>`, `body` is the kind's schema. */
export const ConfigDoc = z
  .object({
    id: z.string().min(3).max(64),
    kind: z.enum(CONFIG_KINDS as [ConfigKind, ...ConfigKind[]]),
    /** '' = the whole practice. */
    locationId: z.string().max(64),
    body: z.record(z.string(), z.unknown()),
    updatedAt: isoDate,
    pendingSync: z.boolean(),
    rev: z.number().int().nonnegative(),
    updatedBy: z.string().max(64),
  })
  .superRefine((doc, ctx) => {
    if (!doc.id.startsWith(`${doc.kind}:`)) ctx.addIssue({ code: 'custom', path: ['id'], message: `must start with "${doc.kind}:"` });
    const body = CONFIG_BODIES[doc.kind].safeParse(doc.body);
    if (!body.success) {
      for (const issue of body.error.issues) ctx.addIssue({ code: 'custom', path: ['body', ...issue.path.map(String)], message: issue.message });
    }
  });
export type ConfigDoc = z.infer<typeof ConfigDoc>;
export const ConfigWire = ConfigDoc.and(z.object({ _deleted: z.boolean() }));

export const configId = (kind: ConfigKind, key: string) => `${kind}:${key}`;
export const configKey = (doc: Pick<ConfigDoc, 'id' | 'kind'>) => doc.id.slice(doc.kind.length + 1);

/** Paths of keys in `input` that the schema's output does not keep (zod strips unknown keys). */
function unknownKeys(input: unknown, output: unknown, path: string): string[] {
  if (Array.isArray(input) && Array.isArray(output)) return input.flatMap((item, i) => unknownKeys(item, output[i], `${path}[${i}]`));
  if (typeof input !== 'object' || input === null || typeof output !== 'object' || output === null) return [];
  return Object.keys(input).flatMap((key) =>
    key in output ? unknownKeys((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

/**
 * A body parsed strictly: unknown keys (at any depth) are an error rather than silently kept or
 * dropped, and the body returned is cut to the schema (defaults filled in), ready to store.
 */
export function parseConfigBodyStrict(kind: ConfigKind, body: unknown): { ok: true; body: Record<string, unknown> } | { ok: false; message: string } {
  const parsed = CONFIG_BODIES[kind].safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `body${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}` };
  }
  const unknown = unknownKeys(body, parsed.data, 'body');
  if (unknown.length) return { ok: false, message: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 3).map((p) => `"${p.slice(0, 80)}"`).join(', ')}` };
  return { ok: true, body: parsed.data as Record<string, unknown> };
}
