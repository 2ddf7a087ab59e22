// A fax or e-mail a source delivered, filed as a triage task at the source's location with its
// task type (channel fax or email), through the same write path as an API key's task, with the
// message's documents attached. A file a task may not hold (another type, too large, too many) is
// named in the description instead: the message still reaches the practice, which can fetch it from
// the service. A redelivery (the same message id from the same source, or without one the same
// body) files nothing new and answers the task its first delivery filed.
import type { IntakeTaskFiled, IntakeTaskRequest } from '../../shared/intake/intake-task';
import { intakeStatusOf } from '../../shared/intake/intake-task';
import type { Task } from '../../shared/task';
import { attachFiles, checkIncomingFiles, type IncomingFile } from '../attachments/store';
import { sha256 } from '../auth/sessions';
import { HttpError } from '../errors/http-error';
import type { SyncContext } from '../sync/context';
import type { InboundSourceRecord } from '../storage/types';
import { fileIntakeTask, intakeTaskId, type IntakeFiler } from './file-task';
import type { InboundMessage } from './inbound-message';
import { sourceActor, sourceActorId } from './inbound-sources';

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 10_000;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What identifies a delivery across redeliveries: the message id, else the exact body. */
const deliveryKeyOf = (message: InboundMessage, rawBody: Buffer) =>
  message.messageId ? `id:${sha256(message.messageId)}` : `body:${sha256(rawBody.toString('base64'))}`;

/** The message's files a task may hold (in order, up to the count), and why each other one is not attached. */
async function sortFiles(sync: SyncContext, files: IncomingFile[]): Promise<{ attach: IncomingFile[]; notes: string[] }> {
  const attach: IncomingFile[] = [];
  const notes: string[] = [];
  for (const file of files) {
    try {
      await checkIncomingFiles(sync, [...attach, file]);
      attach.push(file);
    } catch (error) {
      if (!(error instanceof HttpError) || error.statusCode >= 500) throw error;
      notes.push(`Not attached: ${error.message}`);
    }
  }
  return { attach, notes };
}

/**
 * The task a message becomes: a fax by its number, an e-mail by its subject; sender, text and the
 * files not attached in the description (PHI, sealed).
 */
function inboundTaskRequest(source: InboundSourceRecord, message: InboundMessage, deliveryKey: string, notes: string[]): IntakeTaskRequest {
  const subject = message.subject.trim();
  const title = source.kind === 'fax' ? `Fax from ${message.sender}` : subject || `E-mail from ${message.sender}`;
  const lines = [
    `From: ${message.sender}`,
    ...(subject && source.kind === 'fax' ? [`Subject: ${subject}`] : []),
    ...notes,
    '',
    message.text.trim(),
  ];
  return {
    locationId: source.locationId,
    typeId: source.typeId,
    title: clip(title, TITLE_MAX),
    text: clip(lines.join('\n').trim(), DESCRIPTION_MAX),
    patientRef: '',
    priority: 'normal',
    externalId: deliveryKey,
  };
}

/** Why the source cannot file now (its location or task type left the configuration): a 400's message. */
export async function sourceViolation(sync: SyncContext, source: InboundSourceRecord): Promise<HttpError | undefined> {
  const practice = await sync.practice.get();
  if (!practice.locations.has(source.locationId)) return new HttpError(400, 'bad_request', `Unknown location ${source.locationId}`);
  const type = practice.taskTypes.get(source.typeId);
  if (!type || !type.active) return new HttpError(400, 'bad_request', `Unknown or inactive task type ${source.typeId}`);
  return undefined;
}

/**
 * How long a claim holds before a redelivery may take it over: far longer than filing takes, so
 * only a claim whose server died between claiming and filing is taken (the message is then filed
 * by the service's next retry instead of answering 409 for ever).
 */
const CLAIM_LEASE_MS = 2 * 60_000;

const sourceFiler = (source: InboundSourceRecord): IntakeFiler => ({
  actor: sourceActor(source),
  channel: source.kind,
  idScope: sourceActorId(source.id),
});

export async function fileInbound(
  sync: SyncContext,
  source: InboundSourceRecord,
  message: InboundMessage,
  rawBody: Buffer,
  now = new Date(),
): Promise<IntakeTaskFiled> {
  const filer = sourceFiler(source);
  const deliveryKey = deliveryKeyOf(message, rawBody);
  const taskId = intakeTaskId(filer.idScope, deliveryKey);
  const staleBefore = new Date(now.getTime() - CLAIM_LEASE_MS).toISOString();
  const first = await sync.storage.claimInboundDelivery(source.id, deliveryKey, taskId, now.toISOString(), staleBefore);
  if (first !== undefined) {
    const filed = await sync.storage.getDoc('tasks', first);
    // Claimed by a delivery still being filed: the service's next retry finds the task.
    if (!filed || filed.deleted) throw new HttpError(409, 'conflict', 'This message is being filed: send it again later');
    return { taskId: first, status: intakeStatusOf(filed.data as Task), duplicate: true };
  }
  try {
    const { attach, notes } = await sortFiles(sync, message.attachments);
    const filed = await fileIntakeTask(sync, filer, inboundTaskRequest(source, message, deliveryKey, notes), now);
    // A retry after a claim was given back finds the task filed: its documents go on once.
    const held = filed.duplicate ? ((await sync.storage.getDoc('tasks', filed.taskId))?.data as Task | undefined)?.attachments.length : 0;
    if (attach.length > 0 && held === 0) await attachFiles(sync, filer.actor, filed.taskId, attach);
    return filed;
  } catch (error) {
    // Nothing filed: the claim goes, so the service's retry files the message.
    await sync.storage.releaseInboundDelivery(source.id, deliveryKey);
    throw error;
  }
}
