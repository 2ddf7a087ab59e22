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

/** What stops a task's SLA clock: waiting on one of these, or sent back for information. */
export const SLA_PAUSE_REASONS = ['patient', 'insurer', 'provider', 'other', 'needs_info'] as const;
export const SlaPauseReason = z.enum(SLA_PAUSE_REASONS);
export type SlaPauseReason = z.infer<typeof SlaPauseReason>;
export const DEFAULT_SLA_PAUSE: SlaPauseReason[] = ['patient', 'insurer', 'provider', 'needs_info'];

/** A task type's service-level targets, in business hours of the task's location (0 = no target). */
export const SlaTargets = z.object({
  firstTouchHours: z.number().min(0).max(2000),
  resolutionHours: z.number().min(0).max(2000),
  /** Share of a target after which the task is "at risk" (and its owner is warned). */
  atRiskShare: z.number().min(0.05).max(1).default(0.75),
  pauseWhile: z.array(SlaPauseReason).max(SLA_PAUSE_REASONS.length).default(DEFAULT_SLA_PAUSE),
  /** Warn the owner when a clock reaches these shares of its target. */
  warnAt: z.array(z.number().min(0.05).max(1)).max(5).default([0.75]),
  /** Remind the owner after this many business hours without a change by a person (0 = never). */
  remindIdleHours: z.number().min(0).max(2000).default(0),
  /** Escalate to the queue's lead on breach, or after this many idle business hours (0 = on breach only). */
  escalateIdleHours: z.number().min(0).max(2000).default(0),
  /** Escalate to the managers once breached by this many business hours (0 = never). */
  managerAfterHours: z.number().min(0).max(2000).default(4),
  /** At the first escalation, give the task to the queue's lead. */
  reassignToLead: z.boolean().default(false),
});
export type SlaTargets = z.infer<typeof SlaTargets>;

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
  /** Absent: the type has no SLA clock. */
  sla: SlaTargets.optional(),
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

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');

export const StaffMember = z
  .object({
    userId: z.string().min(1).max(64),
    displayName: z.string().min(1).max(120),
    role: Role,
    locationIds: z.array(z.string().max(64)),
    queues: z.array(z.string().max(64)),
    /** Marked out (leave, sick) until cleared: routing skips them. */
    out: z.boolean(),
    /**
     * Out of office on these calendar days (YYYY-MM-DD, both included, in the time zone of the
     * person's first location); '' = not planned. `outTo` '' with `outFrom` set: until cleared.
     */
    outFrom: calendarDate.or(z.literal('')).optional(),
    outTo: calendarDate.or(z.literal('')).optional(),
    /** Who acts for them while they are out (a user id, '' = nobody named): routing, reviews, reminders, escalations. */
    coveredBy: z.string().max(64).optional(),
  })
  .refine((p) => !p.outTo || !!p.outFrom, { message: 'set the first day out too', path: ['outFrom'] })
  .refine((p) => !p.outFrom || !p.outTo || p.outFrom <= p.outTo, { message: 'must not be before the first day out', path: ['outTo'] })
  .refine((p) => p.coveredBy !== p.userId, { message: 'a person cannot cover for themself', path: ['coveredBy'] });
export type StaffMember = z.infer<typeof StaffMember>;

export const QueueConfig = z.object({
  label: z.string().min(1).max(120),
  /** The queue's lead (a user id): escalations go to them first. '' = none. */
  lead: z.string().max(64).default(''),
});
export type QueueConfig = z.infer<typeof QueueConfig>;
const CategoryConfig = z.object({ label: z.string().min(1).max(120) });
export const LOCATION_LOCK_DEFAULTS = { lockAfterMinutes: 5, offlineSignInHours: 72 } as const;
// Intl, not @date-fns/tz: it knows exactly the runtime's zone names (tzOffset also takes "+05:00" and answers NaN, not an error).
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00 to 24:00)');
/** One weekday's opening hours, local time; a day may have several (a lunch break). */
export const OpeningHours = z
  .object({ day: z.number().int().min(0).max(6), open: hhmm, close: hhmm })
  .refine((h) => h.open < h.close, { message: 'must close after it opens', path: ['close'] });
export type OpeningHours = z.infer<typeof OpeningHours>;
/** A day the location is closed (a holiday), as a local calendar date. */
export const Closure = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD'),
  label: z.string().max(120),
});
export type Closure = z.infer<typeof Closure>;

export const LocationConfig = z.object({
  label: z.string().min(1).max(120),
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. America/Chicago'),
  businessHours: z.object({
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
    /** 0 = Sunday … 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1),
  }),
  /** Per-weekday opening hours; when any are listed they replace `businessHours` (unlisted days are closed). */
  openingHours: z.array(OpeningHours).max(28).default([]),
  closures: z.array(Closure).max(366).default([]),
  /** Shared workstations: lock after this much inactivity. */
  lockAfterMinutes: z.number().int().min(1).max(1440).default(LOCATION_LOCK_DEFAULTS.lockAfterMinutes),
  /** Offline sign-in (PIN or password) works this long after the last online sign-in. */
  offlineSignInHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90)
    .default(LOCATION_LOCK_DEFAULTS.offlineSignInHours),
});
export type LocationConfig = z.infer<typeof LocationConfig>;

/** What a patient fills in on the request page: a text, a long text, a date, a phone number or an e-mail address. */
export const REQUEST_FIELD_KINDS = ['text', 'long_text', 'date', 'phone', 'email'] as const;
export const RequestFieldKind = z.enum(REQUEST_FIELD_KINDS);
export type RequestFieldKind = z.infer<typeof RequestFieldKind>;

export const RequestField = z.object({
  /** Names the field in the form and the API's `fields` (letters, digits, _ and -). */
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be lower-case letters, digits, _ or -, starting with a letter'),
  /** What the patient reads ("Medication and dose"). */
  label: z.string().min(1).max(80),
  kind: RequestFieldKind,
  required: z.boolean(),
});
export type RequestField = z.infer<typeof RequestField>;

/** A request type of the patient request page: what the patient picks, and the task it files. */
export const RequestTypeConfig = z.object({
  /** What the patient reads ("Medication refill"); also the filed task's title. */
  label: z.string().min(1).max(80),
  /** A sentence under the label on the page ("Allow two business days."); '' = none. */
  hint: z.string().max(200).default(''),
  /** The task type it files (its queue, due time and checklist follow). */
  taskTypeId: z.string().min(1).max(64),
  /** The locations whose page offers it; none = every location. */
  locationIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  /** Asked besides the contact and the request text: only what staff need to act (minimum necessary). */
  fields: z
    .array(RequestField)
    .max(8)
    .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, 'each field needs its own id')
    .default([]),
  /** How long the patient's status link works, in days. */
  statusLinkDays: z.number().int().min(1).max(365).default(30),
  /** Where it shows among the page's types (lower first). */
  order: z.number().int().min(0).max(1000).default(0),
  active: z.boolean(),
});
export type RequestTypeConfig = z.infer<typeof RequestTypeConfig>;

export const CONFIG_BODIES = {
  task_type: TaskTypeConfig,
  routing_rule: RoutingRule,
  reason_code: ReasonCode,
  staff: StaffMember,
  queue: QueueConfig,
  category: CategoryConfig,
  location: LocationConfig,
  request_type: RequestTypeConfig,
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
      for (const issue of body.error.issues)
        ctx.addIssue({ code: 'custom', path: ['body', ...issue.path.map(String)], message: issue.message });
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
    key in output
      ? unknownKeys((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key], `${path}.${key}`)
      : [`${path}.${key}`],
  );
}

/**
 * A body parsed strictly: unknown keys (at any depth) are an error rather than silently kept or
 * dropped, and the body returned is cut to the schema (defaults filled in), ready to store.
 */
export function parseConfigBodyStrict(
  kind: ConfigKind,
  body: unknown,
): { ok: true; body: Record<string, unknown> } | { ok: false; message: string } {
  const parsed = CONFIG_BODIES[kind].safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `body${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}` };
  }
  const unknown = unknownKeys(body, parsed.data, 'body');
  if (unknown.length)
    return {
      ok: false,
      message: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown
        .slice(0, 3)
        .map((p) => `"${p.slice(0, 80)}"`)
        .join(', ')}`,
    };
  return { ok: true, body: parsed.data };
}
