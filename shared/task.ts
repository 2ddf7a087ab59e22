// The task document: the one shape every workstation, the server and the wire agree on.
import { z } from 'zod';
import { AttachmentRef } from './attachments/attachment';

export const TASK_STATUSES = [
  'new',
  'ready',
  'in_progress',
  'waiting',
  'needs_review',
  'in_review',
  'approved',
  'rejected',
  'needs_info',
  'done',
  'closed',
] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const STATUS_LABELS: Record<TaskStatus, string> = {
  new: 'New (triage)',
  ready: 'Ready',
  in_progress: 'In progress',
  waiting: 'Waiting',
  needs_review: 'Needs review',
  in_review: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  needs_info: 'Needs info',
  done: 'Done',
  closed: 'Closed',
};

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const CHANNELS = ['phone', 'portal', 'fax', 'walk_in', 'provider_request', 'email', 'integration'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

const isoDate = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(64);
/** Empty string means "none": RxDB indexes need required fields, so we never use null. */
const optionalId = z.string().max(64);

export const TaskNote = z.object({
  id,
  at: isoDate,
  authorId: optionalId,
  authorName: z.string().max(120),
  text: z.string().min(1).max(10_000),
});
export type TaskNote = z.infer<typeof TaskNote>;

const FieldChange = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});

/** A value that lost a same-field conflict: kept visible instead of silently dropped. */
const SupersededValue = z.object({
  field: z.string(),
  value: z.unknown(),
  byActorId: optionalId,
  byWorkstationId: optionalId,
  byWorkstationName: z.string().max(100).optional(),
});

export const WAITING_ON = ['', 'patient', 'insurer', 'provider', 'other'] as const;
export const WaitingOn = z.enum(WAITING_ON);
export type WaitingOn = z.infer<typeof WaitingOn>;

export const ChecklistItem = z.object({ id, label: z.string().min(1).max(200), done: z.boolean() });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const HistoryEntry = z.object({
  rev: z.number().int().nonnegative(),
  at: isoDate,
  actorId: optionalId,
  actorName: z.string().max(120),
  workstationId: optionalId,
  /** The name an admin gave the workstation at enrollment (none for an unenrolled one): what people read. */
  workstationName: z.string().max(100).optional(),
  kind: z.enum(['created', 'updated', 'deleted', 'merged']),
  /** The workflow action taken, when the status changed (e.g. "approve"). */
  action: z.string().max(32).optional(),
  changes: z.array(FieldChange),
  superseded: z.array(SupersededValue).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Fields a workstation writes. */
export const TaskClientFields = z.object({
  id,
  title: z.string().trim().min(1, 'Title is required').max(200),
  status: TaskStatus,
  typeId: id,
  queue: id,
  locationId: id,
  priority: Priority,
  ownerId: optionalId,
  dueAt: isoDate,
  channel: Channel,
  /** PHI: MRN plus initials, e.g. "MRN 100234 J.D.". */
  patientRef: z.string().max(64),
  /** PHI: the request in the caller's words. */
  description: z.string().max(10_000),
  /** Confirmed at triage (the classifier only suggests). */
  category: optionalId,
  providerId: optionalId,
  waitingOn: WaitingOn,
  /** Reason code of the current exception, rejection, send-back or reopen. */
  reasonCode: optionalId,
  /** PHI possible: what the reason code does not say. */
  reasonNote: z.string().max(2000),
  /** Approval or closing outcome; follow-up rules key on it. */
  outcome: optionalId,
  checklist: z.array(ChecklistItem).max(30),
  /** The reviewer who picked the task up ('' until someone does). */
  reviewerId: optionalId,
  /** The task whose closing created this one. */
  followUpOf: optionalId,
  /** What the triage classifier suggested at intake, for measuring it. */
  suggestedCategory: optionalId,
  suggestionConfidence: z.number().min(0).max(1),
  notes: z.array(TaskNote).max(500),
  createdAt: isoDate,
  createdBy: optionalId,
  /** The workstation's clock at the last local edit: shown, never used for ordering. */
  updatedAt: isoDate,
  /** Set true by every local edit; the server stores false. Counting it gives "changes waiting to upload". */
  pendingSync: z.boolean(),
});

/** The most documents a task can list, whatever a server is configured to accept. */
export const MAX_ATTACHMENTS_PER_TASK = 1000;

/** Fields only the server writes; whatever a client sends for them is replaced. */
export const TaskServerFields = z.object({
  /** Server sequence number of the last accepted write. */
  rev: z.number().int().nonnegative(),
  serverUpdatedAt: z.union([isoDate, z.literal('')]),
  updatedBy: optionalId,
  history: z.array(HistoryEntry),
  /** Send-backs so far: needs info, rejected, reopened. */
  reworkCount: z.number().int().nonnegative(),
  /** When the task entered its current status / got its current owner (aging, round-robin). */
  statusSince: z.union([isoDate, z.literal('')]),
  ownerSince: z.union([isoDate, z.literal('')]),
  /** Documents attached on the server (metadata only: the bytes are fetched when opened). */
  attachments: z.array(AttachmentRef).max(MAX_ATTACHMENTS_PER_TASK),
});

const SERVER_OWNED_TASK_FIELDS = Object.keys(TaskServerFields.shape) as (keyof z.infer<typeof TaskServerFields>)[];

export const Task = TaskClientFields.extend(TaskServerFields.shape);
export type Task = z.infer<typeof Task>;

/** A task as it travels: a full document plus the deletion flag. */
export const TaskWire = Task.extend({ _deleted: z.boolean() });
export type TaskWire = z.infer<typeof TaskWire>;

/** Fields a user edits through the board (everything client-owned except identity and bookkeeping). */
export const EDITABLE_TASK_FIELDS = [
  'title',
  'status',
  'typeId',
  'queue',
  'locationId',
  'priority',
  'ownerId',
  'dueAt',
  'channel',
  'patientRef',
  'description',
  'category',
  'providerId',
  'waitingOn',
  'reasonCode',
  'reasonNote',
  'outcome',
  'checklist',
  'reviewerId',
] as const satisfies readonly (keyof Task)[];
export type EditableTaskField = (typeof EDITABLE_TASK_FIELDS)[number];

/** Fields that hold protected health information: encrypted at rest, never logged. */
export const PHI_TASK_FIELDS = ['patientRef', 'description', 'reasonNote', 'notes', 'history', 'attachments'] as const;

export const EMPTY_SERVER_FIELDS: z.infer<typeof TaskServerFields> = {
  rev: 0,
  serverUpdatedAt: '',
  updatedBy: '',
  history: [],
  reworkCount: 0,
  statusSince: '',
  ownerSince: '',
  attachments: [],
};

/** Client-owned fields a new task starts with before intake fills it in. */
export const EMPTY_WORKFLOW_FIELDS = {
  category: '',
  providerId: '',
  waitingOn: '' as WaitingOn,
  reasonCode: '',
  reasonNote: '',
  outcome: '',
  checklist: [] as ChecklistItem[],
  reviewerId: '',
  followUpOf: '',
  suggestedCategory: '',
  suggestionConfidence: 0,
};

const DEFAULT_TASK_TYPE = 'general';
const DAY_MS = 24 * 3600_000;

/**
 * Completes a pushed task: fields it leaves out keep their current value (or a default for a new
 * task), and server-owned fields always come from the server. Lets outside clients send
 * `{id, title, status}` and nothing else.
 */
export function completeTask(
  pushed: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  defaults: { locationId: string; actorId: string; now: string },
): Record<string, unknown> {
  const base: Record<string, unknown> = current ?? {
    typeId: DEFAULT_TASK_TYPE,
    queue: 'front_desk',
    locationId: defaults.locationId,
    priority: 'normal',
    ownerId: '',
    dueAt: new Date(Date.parse(defaults.now) + DAY_MS).toISOString(),
    channel: 'phone',
    patientRef: '',
    description: '',
    ...EMPTY_WORKFLOW_FIELDS,
    notes: [],
    createdAt: defaults.now,
    createdBy: defaults.actorId,
    updatedAt: defaults.now,
    pendingSync: false,
    ...EMPTY_SERVER_FIELDS,
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(pushed)) {
    if (value !== undefined && !(SERVER_OWNED_TASK_FIELDS as string[]).includes(key)) merged[key] = value;
  }
  merged._deleted = pushed._deleted ?? false;
  return merged;
}
