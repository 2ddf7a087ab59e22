// What another system sends to file a triage task with an API key, and what it may read back:
// the status of what it filed, in plain words, and nothing else about the task.
import { z } from 'zod';
import type { Task } from '../task';

export const IntakeTaskRequest = z.strictObject({
  locationId: z.string().trim().min(1).max(64),
  /** A task type of the practice's configuration (its queue, due time and checklist follow). */
  typeId: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(200),
  /** The request in the sender's words (PHI: stored sealed on workstations like any description). */
  text: z.string().max(10_000).default(''),
  /** MRN plus initials, as staff write it ("MRN 100234 J.D."). */
  patientRef: z.string().trim().max(64).default(''),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
  /**
   * The sender's own id for the request: sent again (a retry after a timeout), it files nothing new
   * and answers the task filed the first time.
   */
  externalId: z.string().trim().min(1).max(128).optional(),
});
export type IntakeTaskRequest = z.infer<typeof IntakeTaskRequest>;

const INTAKE_STATUSES = ['received', 'being_worked_on', 'waiting_on_you', 'done'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export const IntakeTaskFiled = z.strictObject({ taskId: z.string(), status: z.enum(INTAKE_STATUSES), duplicate: z.boolean() });
export type IntakeTaskFiled = z.infer<typeof IntakeTaskFiled>;

export const IntakeTaskState = z.strictObject({ status: z.enum(INTAKE_STATUSES), updatedAt: z.string() });
export type IntakeTaskState = z.infer<typeof IntakeTaskState>;

/**
 * A task's status as someone outside the practice may read it: received (in triage), being worked
 * on, waiting on them, done. Waiting on them only where staff said so (waiting on the patient): a
 * reviewer's send-back for information is the practice's own work, and its note is for staff, so
 * the request page never shows it. Waiting on an insurer or a provider, a review, a rejection still
 * being followed up: all "being worked on".
 */
export function intakeStatusOf({ status, waitingOn }: Pick<Task, 'status' | 'waitingOn'>): IntakeStatus {
  if (status === 'new') return 'received';
  if ((status === 'waiting' || status === 'needs_info') && waitingOn === 'patient') return 'waiting_on_you';
  if (status === 'done' || status === 'closed') return 'done';
  return 'being_worked_on';
}
