// The task form's values and their mapping to and from tasks; zod errors mapped onto fields.
import { ZodError } from 'zod';
import type { Channel, Priority, Task } from '../../../../shared/task';
import type { TaskDraft, TaskPatch } from '../../../db/tasks';

export interface TaskFormValues {
  title: string;
  typeId: string;
  queue: string;
  priority: Priority;
  /** yyyy-mm-dd in the workstation's time zone, as a date input gives it. */
  dueDate: string;
  channel: Channel;
  patientRef: string;
  description: string;
  ownerId: string;
  reasonNote: string;
  providerId: string;
  category: string;
}

export type FormErrors = Partial<Record<keyof TaskFormValues, string>>;

/** Due dates are days; a task is due by the end of the working day (17:00 local). */
const DUE_HOUR = 17;

const pad = (n: number) => String(n).padStart(2, '0');

function dateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dueAtFromDate(dueDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dueDate);
  if (!match) return dueDate;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), DUE_HOUR);
  return Number.isNaN(date.getTime()) ? dueDate : date.toISOString();
}

export function emptyIntake(now = new Date()): TaskFormValues {
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return {
    title: '',
    typeId: '',
    queue: '',
    priority: 'normal',
    dueDate: dateInputValue(tomorrow),
    channel: 'phone',
    patientRef: '',
    description: '',
    ownerId: '',
    reasonNote: '',
    providerId: '',
    category: '',
  };
}

export function valuesFromTask(task: Task): TaskFormValues {
  const due = new Date(task.dueAt);
  return {
    title: task.title,
    typeId: task.typeId,
    queue: task.queue,
    priority: task.priority,
    dueDate: Number.isNaN(due.getTime()) ? '' : dateInputValue(due),
    channel: task.channel,
    patientRef: task.patientRef,
    description: task.description,
    ownerId: task.ownerId,
    reasonNote: task.reasonNote,
    providerId: task.providerId,
    category: task.category,
  };
}

export function toDraft(values: TaskFormValues, locationId: string): TaskDraft {
  return {
    title: values.title,
    typeId: values.typeId,
    queue: values.queue,
    locationId,
    priority: values.priority,
    dueAt: dueAtFromDate(values.dueDate),
    channel: values.channel,
    patientRef: values.patientRef.trim(),
    description: values.description,
    ownerId: values.ownerId,
    providerId: values.providerId,
    category: values.category,
  };
}

/** Only the fields the user changed, so a concurrent edit of another field is not overwritten. */
export function toPatch(values: TaskFormValues, task: Task): TaskPatch {
  const before = valuesFromTask(task);
  const patch: TaskPatch = {};
  const keys = [
    'title',
    'typeId',
    'queue',
    'priority',
    'channel',
    'patientRef',
    'description',
    'ownerId',
    'reasonNote',
    'providerId',
    'category',
  ] as const;
  for (const key of keys) {
    if (values[key] !== before[key]) (patch as Record<string, unknown>)[key] = values[key];
  }
  if (values.dueDate !== before.dueDate) patch.dueAt = dueAtFromDate(values.dueDate);
  return patch;
}

const FRIENDLY: Partial<Record<keyof TaskFormValues, string>> = {
  typeId: 'Choose a task type',
  queue: 'Choose a queue',
  dueDate: 'Enter a valid due date',
  priority: 'Choose a priority',
  channel: 'Choose how the request came in',
};

/** Field errors from a zod validation failure, or null when the error is something else. */
export function errorsFromZod(error: unknown): FormErrors | null {
  if (!(error instanceof ZodError)) return null;
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const raw = String(issue.path[0] ?? '');
    const field = (raw === 'dueAt' ? 'dueDate' : raw) as keyof TaskFormValues;
    if (errors[field]) continue;
    const custom = issue.message && !/^Invalid|^Too small|^Too big/.test(issue.message) ? issue.message : undefined;
    errors[field] = custom ?? FRIENDLY[field] ?? issue.message;
  }
  return errors;
}
