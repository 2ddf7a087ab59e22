// The intake form's values, what choosing a type fills in, and the draft it becomes.
import type { PracticeConfig } from '../../../shared/config/practice';
import type { IntakeField } from '../../../shared/config/schemas';
import type { Channel, Priority } from '../../../shared/task';
import type { Suggestion } from '../../../shared/workflow/classifier';
import type { TaskDraft } from '../../db/tasks';
import { checklistFrom, dueAfter } from '../../../shared/workflow/intake-defaults';
import { missingForType } from '../../../shared/workflow/check';

export interface IntakeValues {
  title: string;
  typeId: string;
  queue: string;
  priority: Priority;
  /** yyyy-mm-ddThh:mm in the workstation's time zone, as a datetime-local input gives it. */
  due: string;
  channel: Channel;
  patientRef: string;
  description: string;
  providerId: string;
  category: string;
}

export type IntakeErrors = Partial<Record<keyof IntakeValues, string>>;

export function emptyIntakeValues(): IntakeValues {
  return {
    title: '',
    typeId: '',
    queue: '',
    priority: 'normal',
    due: '',
    channel: 'phone',
    patientRef: '',
    description: '',
    providerId: '',
    category: '',
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function isoFromLocal(local: string): string {
  const d = new Date(local);
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

/** Choosing a type sets its default queue and, unless the user set one, its default due time. */
export function withType(
  values: IntakeValues,
  typeId: string,
  config: PracticeConfig,
  locationId: string,
  now: Date,
  keepDue: boolean,
): IntakeValues {
  const type = config.taskTypes.get(typeId);
  if (!type) return { ...values, typeId };
  return {
    ...values,
    typeId,
    queue: type.defaultQueue,
    due: keepDue && values.due ? values.due : localDateTime(dueAfter(type.defaultDueHours, config, locationId, now)),
  };
}

export function requiredFields(values: IntakeValues, config: PracticeConfig): Set<IntakeField> {
  return new Set(config.taskTypes.get(values.typeId)?.requiredFields ?? []);
}

/** Errors the form can tell before the shared intake check: a title and a type. */
export function basicErrors(values: IntakeValues): IntakeErrors {
  const errors: IntakeErrors = {};
  if (!values.title.trim()) errors.title = 'Title is required';
  if (!values.typeId) errors.typeId = 'Choose a task type';
  if (!isoFromLocal(values.due)) errors.due = 'Enter a valid due date';
  return errors;
}

/**
 * What the form says as the person types: the basic errors and the type's required fields left
 * empty (the intake check's own words), for the fields they have been in.
 */
export function liveErrors(values: IntakeValues, config: PracticeConfig, touched: ReadonlySet<keyof IntakeValues>): IntakeErrors {
  const all: IntakeErrors = basicErrors(values);
  const type = config.taskTypes.get(values.typeId);
  for (const field of type?.requiredFields ?? []) {
    const key = intakeFieldOf(field);
    if (!String(values[key]).trim()) all[key] ??= missingForType(field, type!.label);
  }
  return Object.fromEntries(Object.entries(all).filter(([key]) => touched.has(key as keyof IntakeValues)));
}

export function intakeDraft(
  values: IntakeValues,
  locationId: string,
  config: PracticeConfig,
  suggestion: Suggestion | undefined,
): TaskDraft {
  return {
    title: values.title.trim(),
    typeId: values.typeId,
    queue: values.queue,
    locationId,
    priority: values.priority,
    dueAt: isoFromLocal(values.due),
    channel: values.channel,
    patientRef: values.patientRef.trim(),
    description: values.description,
    providerId: values.providerId,
    category: values.category,
    checklist: checklistFrom(config.taskTypes.get(values.typeId)),
    suggestedCategory: suggestion?.category ?? '',
    suggestionConfidence: suggestion?.confidence ?? 0,
  };
}

/** The form field a violation of the intake check points at. */
export function intakeFieldOf(field: string | undefined): keyof IntakeValues {
  if (field === 'dueAt') return 'due';
  if (field && field in emptyIntakeValues()) return field as keyof IntakeValues;
  return 'title';
}
