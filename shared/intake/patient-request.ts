// A patient's request from the request page (or the same through the API): the request types a
// location's page offers, what a submission must hold, how it reads on the filed task, and what
// the patient's status link may say about it afterwards.
import { z } from 'zod';
import type { PracticeConfig } from '../config/practice';
import type { RequestField, RequestTypeConfig } from '../config/schemas';
import type { IntakeStatus } from './intake-task';

/** Size limits of a submission: each field, and what the page's form may hold altogether. */
export const REQUEST_LIMITS = {
  contact: 120,
  text: 4000,
  field: 200,
  longField: 2000,
  answer: 4000,
  /** A form post or JSON body without a document (the document has its own limit). */
  bodyBytes: 32 * 1024,
} as const;

export const PatientRequest = z.strictObject({
  locationId: z.string().trim().min(1).max(64),
  typeId: z.string().trim().min(1).max(64),
  /** A phone number or an e-mail address the practice may answer at. */
  contact: z.string().trim().min(1, 'Enter a phone number or an e-mail address').max(REQUEST_LIMITS.contact),
  /** The request in the patient's words. */
  text: z.string().trim().min(1, 'Tell us what you need').max(REQUEST_LIMITS.text),
  /** The type's own fields, by id. */
  fields: z.record(z.string().max(32), z.string().max(REQUEST_LIMITS.longField)).default({}),
});
export type PatientRequest = z.infer<typeof PatientRequest>;

export const PatientRequestFiled = z.strictObject({ statusToken: z.string() });
export type PatientRequestFiled = z.infer<typeof PatientRequestFiled>;

/** All the status link tells: never the task's text, owner, notes or anything else. */
export const PatientRequestState = z.strictObject({
  status: z.enum(['received', 'being_worked_on', 'waiting_on_you', 'done']),
  updatedAt: z.string(),
  /** While it waits on the patient: what staff asked. */
  question: z.string().optional(),
});
export type PatientRequestState = z.infer<typeof PatientRequestState>;

export const PatientAnswer = z.strictObject({ answer: z.string().trim().min(1, 'Write your answer').max(REQUEST_LIMITS.answer) });

/** The request types a location's page offers, in page order. */
export function requestTypesOf(config: PracticeConfig, locationId: string): (RequestTypeConfig & { id: string })[] {
  return [...config.requestTypes]
    .filter(
      ([, t]) =>
        t.active && (t.locationIds.length === 0 || t.locationIds.includes(locationId)) && config.taskTypes.get(t.taskTypeId)?.active,
    )
    .map(([id, t]) => ({ ...t, id }))
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));
}

const PHONE = /^\+?[0-9 ().-]{7,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a field's value is not accepted, in the patient's words; undefined when it is. */
function fieldProblem(field: Pick<RequestField, 'kind' | 'required'>, value: string): string | undefined {
  if (!value) return field.required ? 'This is required' : undefined;
  if (value.length > (field.kind === 'long_text' ? REQUEST_LIMITS.longField : REQUEST_LIMITS.field)) return 'This is too long';
  if (field.kind === 'phone' && !PHONE.test(value)) return 'Enter a phone number, e.g. 555-201-0142';
  if (field.kind === 'email' && !EMAIL.test(value)) return 'Enter an e-mail address, e.g. name@example.com';
  if (field.kind === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) return 'Enter a date, e.g. 1980-04-23';
  return undefined;
}

/** Why the contact is not accepted; undefined when it is a phone number or an e-mail address. */
function contactProblem(contact: string): string | undefined {
  if (!contact) return 'Enter a phone number or an e-mail address';
  return PHONE.test(contact) || EMAIL.test(contact) ? undefined : 'Enter a phone number or an e-mail address we can reach you at';
}

/** Every problem of a submission, by form field name (`contact`, `text`, `field:<id>`): empty when it may be filed. */
export function requestProblems(
  type: RequestTypeConfig,
  request: Pick<PatientRequest, 'contact' | 'text' | 'fields'>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const contact = contactProblem(request.contact.trim());
  if (contact) problems.contact = contact;
  if (!request.text.trim()) problems.text = 'Tell us what you need';
  else if (request.text.length > REQUEST_LIMITS.text) problems.text = 'This is too long';
  for (const field of type.fields) {
    const problem = fieldProblem(field, (request.fields[field.id] ?? '').trim());
    if (problem) problems[`field:${field.id}`] = problem;
  }
  const unknown = Object.keys(request.fields).find((id) => !type.fields.some((f) => f.id === id));
  if (unknown) problems.fields = `This request has no field “${unknown.slice(0, 32)}”`;
  return problems;
}

/** The filed task's description: contact, the type's fields and the request text, as staff read them. */
export function requestDescription(type: RequestTypeConfig, request: Pick<PatientRequest, 'contact' | 'text' | 'fields'>): string {
  const lines = [`Contact: ${request.contact.trim()}`];
  for (const field of type.fields) {
    const value = (request.fields[field.id] ?? '').trim();
    if (value) lines.push(`${field.label}: ${value}`);
  }
  return `${lines.join('\n')}\n\n${request.text.trim()}`;
}

/** The status in the plain words of the status page. */
export const STATUS_WORDS: Record<IntakeStatus, { title: string; detail: string }> = {
  received: { title: 'Received', detail: 'We have your request and will look at it soon.' },
  being_worked_on: { title: 'Being worked on', detail: 'Someone at the practice is working on your request.' },
  waiting_on_you: { title: 'Waiting on you', detail: 'We need something from you before we can go on.' },
  done: { title: 'Done', detail: 'We have finished with your request.' },
};

/** The name the staff read on a patient's answer (and in the task's history). */
export const PATIENT_AUTHOR_NAME = 'Patient (via request page)';
