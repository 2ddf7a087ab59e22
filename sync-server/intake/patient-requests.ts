// A patient's request from the request page: filed as a triage task (channel "portal") by the
// patient actor, with a status link whose token is kept only as its hash. The link tells the
// request's state and nothing else, and while the practice waits on the patient it takes their
// answer: a note from the patient on the task, which also resumes it (what it waited on arrived).
import { randomBytes } from 'node:crypto';
import { newId } from '../../shared/ids';
import { intakeStatusOf } from '../../shared/intake/intake-task';
import {
  PATIENT_AUTHOR_NAME,
  requestDescription,
  requestProblems,
  requestTypesOf,
  type PatientRequest,
  type PatientRequestState,
} from '../../shared/intake/patient-request';
import type { Task } from '../../shared/task';
import { applyAction, findAction } from '../../shared/workflow/apply';
import type { Actor } from '../auth/actor';
import { sha256 } from '../auth/sessions';
import { recordAudit } from '../audit/record';
import { HttpError } from '../errors/http-error';
import type { RequestLinkRecord } from '../storage/types';
import type { SyncContext } from '../sync/context';
import { pushRows } from '../sync/push';
import { tasksHandler } from '../sync/tasks';
import { attachFiles, checkIncomingFiles, type IncomingFile } from '../attachments/store';
import { fileTriageTask } from './file-task';

export const PATIENT_ACTOR_ID = 'patient-request-page';

/** Who files and answers from the request page: the patient, known only by the request itself. */
function patientActor(locationId: string): Actor {
  return {
    userId: PATIENT_ACTOR_ID,
    username: PATIENT_ACTOR_ID,
    displayName: PATIENT_AUTHOR_NAME,
    roles: [],
    locationIds: [locationId],
    workstationId: `request-page:${locationId}`,
    workstationName: 'Patient request page',
    sessionId: PATIENT_ACTOR_ID,
    system: true,
  };
}

/** A request the page or the API refuses, with a message per field (the page shows each at its field). */
export class RequestProblems extends HttpError {
  constructor(readonly problems: Record<string, string>) {
    super(400, 'bad_request', `The request was not filed: ${Object.values(problems)[0]}`);
  }
}

/** 256 random bits, base64url (43 characters): the link's token; the server keeps only its hash. */
const newStatusToken = () => randomBytes(32).toString('base64url');
const STATUS_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Files the request and answers its status token; RequestProblems (nothing filed) when it is not complete. */
export async function filePatientRequest(
  sync: SyncContext,
  request: PatientRequest,
  now: Date,
  /** A document sent with it (the page's file input): checked before anything is filed. */
  files: IncomingFile[] = [],
): Promise<{ statusToken: string; taskId: string }> {
  const practice = await sync.practice.get();
  if (!practice.locations.has(request.locationId)) throw new HttpError(404, 'not_found', 'This practice location has no request page');
  const type = requestTypesOf(practice, request.locationId).find((t) => t.id === request.typeId);
  if (!type) throw new RequestProblems({ typeId: 'Choose what your request is about' });
  const problems = requestProblems(type, request);
  if (Object.keys(problems).length > 0) throw new RequestProblems(problems);
  if (files.length) await checkIncomingFiles(sync, files);
  const taskId = newId();
  await fileTriageTask(
    sync,
    patientActor(request.locationId),
    {
      id: taskId,
      title: type.label,
      typeId: type.taskTypeId,
      locationId: request.locationId,
      channel: 'portal',
      priority: 'normal',
      patientRef: '',
      description: requestDescription(type, request),
    },
    now,
  );
  if (files.length) await attachFiles(sync, patientActor(request.locationId), taskId, files);
  const statusToken = newStatusToken();
  await sync.storage.insertRequestLink({
    tokenHash: sha256(statusToken),
    taskId,
    locationId: request.locationId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + type.statusLinkDays * 86_400_000).toISOString(),
  });
  return { statusToken, taskId };
}

export interface OpenLink {
  link: RequestLinkRecord;
  task: Task;
}

/** The link a token opens, and its task: 404 for an unknown token, 410 once it expired. */
export async function openLink(sync: SyncContext, token: string, now: Date): Promise<OpenLink> {
  const unknown = new HttpError(404, 'not_found', 'This status link is not known. Check that you copied all of it.');
  if (!STATUS_TOKEN.test(token)) throw unknown;
  const link = await sync.storage.getRequestLink(sha256(token));
  if (!link) throw unknown;
  if (Date.parse(link.expiresAt) <= now.getTime())
    throw new HttpError(410, 'gone', 'This status link has expired. If you still need help, please contact the practice.');
  const stored = await sync.storage.getDoc('tasks', link.taskId);
  if (!stored || stored.deleted) throw unknown;
  return { link, task: stored.data as Task };
}

/** All the link tells: status in plain words, when it last changed, and the question while it waits on the patient. */
export function stateOf(task: Task): PatientRequestState {
  const status = intakeStatusOf(task);
  const question = status === 'waiting_on_you' ? task.reasonNote.trim() : '';
  return { status, updatedAt: task.serverUpdatedAt || task.updatedAt, ...(question ? { question } : {}) };
}

/** A read of the link, on record (which task, never the token). */
export const auditStatusRead = (sync: SyncContext, { link }: OpenLink) =>
  recordAudit(sync.storage, {
    actorId: PATIENT_ACTOR_ID,
    workstationId: patientActor(link.locationId).workstationId,
    action: 'request_status_read',
    collection: 'tasks',
    docId: link.taskId,
  });

/**
 * Adds the patient's answer to the task as their note and resumes it (waiting on the patient or
 * sent back for info: what it waited on arrived), through the push path: history, audit, streams.
 * 409 when the request no longer waits on the patient.
 */
export async function answerRequest(sync: SyncContext, opened: OpenLink, answer: string, now: Date): Promise<void> {
  const actor = patientActor(opened.link.locationId);
  let task = opened.task;
  // A staff write between the read and this one: read again and decide on the fresh state.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (intakeStatusOf(task) !== 'waiting_on_you')
      throw new HttpError(409, 'conflict', 'Your request is no longer waiting on an answer from you.');
    const practice = await sync.practice.get();
    const type = practice.taskTypes.get(task.typeId);
    const resume = task.ownerId ? findAction('resume', task, type) : undefined;
    const noted: Task = {
      ...task,
      notes: [...task.notes, { id: newId(), at: now.toISOString(), authorId: actor.userId, authorName: PATIENT_AUTHOR_NAME, text: answer }],
    };
    const next = resume ? applyAction(noted, resume, { actorId: actor.userId }, type) : noted;
    const seen = task.rev;
    const outcome = await pushRows(
      sync,
      tasksHandler,
      actor,
      [
        {
          assumedMasterState: { ...task, _deleted: false },
          newDocumentState: { ...next, updatedAt: now.toISOString(), pendingSync: true, _deleted: false },
        },
      ],
      { claim: async (_tx, current) => !!current && !current.deleted && (current.data as Task).rev === seen, reason: 'patient answer' },
    );
    if (outcome.refused > 0) throw new HttpError(400, 'bad_request', outcome.refusals[0]?.message ?? 'The answer was refused');
    if (outcome.applied === 1) return;
    const fresh = await sync.storage.getDoc('tasks', task.id);
    if (!fresh || fresh.deleted) throw new HttpError(404, 'not_found', 'This status link is not known.');
    task = fresh.data as Task;
  }
  throw new HttpError(409, 'conflict', 'The practice is updating your request right now. Please try again in a minute.');
}
