// A triage task filed from outside the practice: by another system with an API key (inside the
// key's scopes, channel "integration"), an inbound fax or e-mail source (file-inbound.ts) or a
// patient on the request page (patient-requests.ts). Its type's queue, due time and checklist;
// written through the same push path as a workstation's (validated, stamped, audited, streamed).
// Sent again with the same `externalId`, it files nothing new and answers the task filed the first time.
import { newId } from '../../shared/ids';
import { intakeStatusOf, type IntakeTaskFiled, type IntakeTaskRequest } from '../../shared/intake/intake-task';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, TaskClientFields, type Channel, type Priority, type Task } from '../../shared/task';
import { intakeDefaults } from '../../shared/workflow/intake-defaults';
import type { Actor } from '../auth/actor';
import { sha256 } from '../auth/sessions';
import { HttpError } from '../errors/http-error';
import type { SyncContext } from '../sync/context';
import { pushRows } from '../sync/push';
import { tasksHandler } from '../sync/tasks';
import type { ApiKeyRecord } from '../storage/types';
import { keyActor } from './api-keys';

/** Who files, through which channel, and what its external ids are unique within. */
export interface IntakeFiler {
  actor: Actor;
  channel: Channel;
  /** A key's id, an inbound source's actor id: the same external id from two of them is two tasks. */
  idScope: string;
}

export const keyFiler = (key: ApiKeyRecord): IntakeFiler => ({ actor: keyActor(key), channel: 'integration', idScope: key.id });

/** One id per filer and external id: a retried request finds the task it filed. */
export const intakeTaskId = (idScope: string, externalId: string | undefined) =>
  externalId ? `intake-${sha256(`${idScope}\n${externalId}`).slice(0, 40)}` : newId();

/** Where the request falls outside the key's scopes or the configuration: why, for a 403 or 400. */
export async function scopeViolation(sync: SyncContext, key: ApiKeyRecord, body: IntakeTaskRequest): Promise<HttpError | undefined> {
  const practice = await sync.practice.get();
  if (!key.scopes.locationIds.includes(body.locationId))
    return new HttpError(403, 'out_of_scope', `This key may not file into location ${body.locationId}`);
  if (!practice.locations.has(body.locationId)) return new HttpError(400, 'bad_request', `Unknown location ${body.locationId}`);
  const type = practice.taskTypes.get(body.typeId);
  if (!type || !type.active) return new HttpError(400, 'bad_request', `Unknown or inactive task type ${body.typeId}`);
  if (!key.scopes.queues.includes(type.defaultQueue))
    return new HttpError(403, 'out_of_scope', `This key may not file into the ${type.defaultQueue} queue (task type ${body.typeId})`);
  return undefined;
}

/** What an outside filer says of the task; the type's queue, due time and checklist follow from the configuration. */
export interface TriageTaskSpec {
  id: string;
  title: string;
  typeId: string;
  locationId: string;
  channel: Channel;
  priority: Priority;
  patientRef: string;
  description: string;
}

/**
 * Files a triage task (status new) as `actor` through the push path (validated, stamped, audited,
 * streamed, notified). Filed once: a task already under this id writes nothing (false), so a
 * retried request answers the task filed the first time.
 */
export async function fileTriageTask(sync: SyncContext, actor: Actor, spec: TriageTaskSpec, now = new Date()): Promise<boolean> {
  const practice = await sync.practice.get();
  const at = now.toISOString();
  const defaults = intakeDefaults(spec.typeId, practice, spec.locationId, now);
  const task: Task = {
    ...TaskClientFields.parse({
      ...spec,
      status: 'new',
      queue: defaults.queue,
      ownerId: '',
      dueAt: defaults.dueAt,
      ...EMPTY_WORKFLOW_FIELDS,
      checklist: defaults.checklist,
      notes: [],
      createdAt: at,
      createdBy: actor.userId,
      updatedAt: at,
      pendingSync: true,
    }),
    ...EMPTY_SERVER_FIELDS,
  };
  const outcome = await pushRows(sync, tasksHandler, actor, [{ newDocumentState: { ...task, _deleted: false } }], {
    claim: async (_tx, current) => !current,
  });
  if (outcome.refused > 0) throw new HttpError(400, 'bad_request', outcome.refusals[0]?.message ?? 'The task was refused');
  return outcome.applied === 1;
}

/** A task another system files (an API key, an inbound source): filed once per filer and external id. */
export async function fileIntakeTask(
  sync: SyncContext,
  { actor, channel, idScope }: IntakeFiler,
  body: IntakeTaskRequest,
  now = new Date(),
): Promise<IntakeTaskFiled> {
  const id = intakeTaskId(idScope, body.externalId);
  const spec: TriageTaskSpec = {
    id,
    title: body.title,
    typeId: body.typeId,
    locationId: body.locationId,
    channel,
    priority: body.priority,
    patientRef: body.patientRef,
    description: body.text,
  };
  if (await fileTriageTask(sync, actor, spec, now)) return { taskId: id, status: 'received', duplicate: false };
  const filed = await sync.storage.getDoc('tasks', id);
  if (!filed || filed.deleted) throw new HttpError(409, 'conflict', 'This external id named a task that no longer exists');
  return { taskId: id, status: intakeStatusOf(filed.data as Task), duplicate: true };
}
