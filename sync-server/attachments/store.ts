// The documents of a task: checked (type from the bytes, size, count), sealed, stored with the
// task's new list in one transaction through the server's write path (a new rev, a history entry,
// the streams told, audited), and read back only by those who read the task. The request page and
// inbound mail attach through here too (checkIncomingFiles before filing, attachFiles after).
import { createHash } from 'node:crypto';
import { sizeText, type AttachmentLimits, type AttachmentRef } from '../../shared/attachments/attachment';
import type { PracticeConfig } from '../../shared/config/practice';
import { newId } from '../../shared/ids';
import { bucketReader, mayAttachFiles } from '../../shared/policy';
import type { Task } from '../../shared/task';
import { policyUser, type Actor } from '../auth/actor';
import { actorAuditEntry } from '../audit/record';
import { HttpError } from '../errors/http-error';
import type { SyncContext } from '../sync/context';
import { store } from '../sync/push';
import { tasksHandler } from '../sync/tasks';
import { writerOf } from '../sync/writer';
import type { AttachmentRecord, ChangeNotice, StoredDoc } from '../storage/types';
import { openAttachment, sealAttachment } from './seal';
import { cleanFileName, sniffType } from './sniff';

export interface IncomingFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

function settingsOf(sync: SyncContext): { key: Buffer; limits: AttachmentLimits } {
  if (!sync.attachments) throw new HttpError(503, 'attachments_unavailable', 'This server keeps no documents');
  return sync.attachments;
}

/** Refuses (HttpError 413/415/400 with a clear message) files a task may not hold: type, size, count. Call before filing a task so a refused upload files nothing. */
export async function checkIncomingFiles(sync: SyncContext, files: IncomingFile[]): Promise<void> {
  const { limits } = settingsOf(sync);
  if (files.length === 0) throw new HttpError(400, 'bad_request', 'Send at least one document (a multipart part named "file")');
  if (files.length > limits.maxPerTask)
    throw new HttpError(413, 'too_many_attachments', `A task holds at most ${limits.maxPerTask} documents; ${files.length} were sent`);
  for (const file of files) {
    if (file.bytes.length === 0) throw new HttpError(400, 'bad_request', `"${file.name}" is empty`);
    if (file.bytes.length > limits.maxBytes)
      throw new HttpError(413, 'attachment_too_large', `"${file.name}" is larger than the ${sizeText(limits.maxBytes)} a document may be`);
    const type = sniffType(file.bytes);
    if (!type || !limits.types.includes(type))
      throw new HttpError(415, 'unsupported_attachment', `"${file.name}" is not a PDF or an image (PNG, JPEG, GIF, WebP, TIFF)`);
  }
}

/**
 * Whether the actor reads the stored task: the pull's own rule (the task's stored buckets against
 * the reader's, shared/policy/read.ts). The server's own actors (an API key, the request page) read
 * what is at their locations.
 */
function readsTask(actor: Actor, doc: StoredDoc, practice: PracticeConfig): boolean {
  if (doc.deleted) return false;
  if (actor.system) return actor.locationIds.includes((doc.data as Task).locationId);
  return bucketReader(policyUser(actor), practice.queues.keys())(doc.buckets);
}

/** The same answer for a task that does not exist and one the actor may not read. */
const noTask = (taskId: string) => new HttpError(404, 'not_found', `No task ${taskId}`);

/** The task as the actor may read it; 404 otherwise. */
export async function readableTask(sync: SyncContext, actor: Actor, taskId: string): Promise<Task> {
  const doc = await sync.storage.getDoc('tasks', taskId);
  if (!doc || !readsTask(actor, doc, await sync.practice.get())) throw noTask(taskId);
  return doc.data as Task;
}

/** Stores the files encrypted, lists them on the task (replicated), audits each; returns their refs. */
export async function attachFiles(sync: SyncContext, actor: Actor, taskId: string, files: IncomingFile[]): Promise<AttachmentRef[]> {
  await checkIncomingFiles(sync, files);
  const { key, limits } = settingsOf(sync);
  const practice = await sync.practice.get();
  const addedAt = new Date().toISOString();
  // Sealed before the transaction: the write path is not held while documents are encrypted.
  const prepared = files.map((file): { ref: AttachmentRef; record: AttachmentRecord } => {
    const contentType = sniffType(file.bytes)!;
    const ref: AttachmentRef = {
      id: newId(),
      name: cleanFileName(file.name, contentType),
      contentType,
      size: file.bytes.length,
      addedAt,
      addedBy: actor.userId,
    };
    const record: AttachmentRecord = {
      id: ref.id,
      taskId,
      name: ref.name,
      contentType,
      size: ref.size,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      sealed: sealAttachment(key, taskId, ref.id, file.bytes),
      createdAt: addedAt,
      createdBy: actor.userId,
    };
    return { ref, record };
  });
  const refs = prepared.map((p) => p.ref);
  const notices: ChangeNotice[] = [];
  await sync.storage.write(async (tx) => {
    const current = await tx.getDoc('tasks', taskId);
    if (!current || !readsTask(actor, current, practice)) throw noTask(taskId);
    const task = current.data as Task;
    if (!actor.system && !mayAttachFiles(policyUser(actor), task, practice))
      throw new HttpError(403, 'forbidden', 'Your role may not add documents to this task');
    const listed = task.attachments;
    if (listed.length + refs.length > limits.maxPerTask)
      throw new HttpError(
        413,
        'too_many_attachments',
        `A task holds at most ${limits.maxPerTask} documents; this one has ${listed.length} and ${refs.length} were sent`,
      );
    for (const { record } of prepared) {
      await tx.insertAttachment(record);
      // Ids, type, size and digest: never the name, which may hold PHI.
      await tx.appendAudit(
        actorAuditEntry(actor, {
          at: addedAt,
          action: 'attachment_added',
          collection: 'tasks',
          docId: taskId,
          after: { attachmentId: record.id, contentType: record.contentType, size: record.size, sha256: record.sha256 },
        }),
      );
    }
    await store(
      tx,
      tasksHandler,
      actor,
      practice,
      current,
      { data: { ...task, attachments: [...listed, ...refs] }, deleted: false },
      notices,
      {
        writer: writerOf(actor),
        reason: `attached ${refs.length} document${refs.length === 1 ? '' : 's'}`,
      },
    );
  });
  for (const notice of notices) await sync.storage.publish(notice);
  return refs;
}

/** A document of a task the actor reads, opened; 404 for anything else (no sign of what exists). */
export async function readAttachment(
  sync: SyncContext,
  actor: Actor,
  taskId: string,
  attachmentId: string,
): Promise<{ ref: AttachmentRef; bytes: Buffer }> {
  const { key } = settingsOf(sync);
  const ref = await readableAttachment(sync, actor, taskId, attachmentId);
  const record = await sync.storage.getAttachment(taskId, attachmentId);
  if (!record) throw noDocument(taskId, attachmentId);
  return { ref, bytes: openAttachment(key, taskId, attachmentId, record.sealed) };
}

const noDocument = (taskId: string, attachmentId: string) =>
  new HttpError(404, 'not_found', `No document ${attachmentId} on task ${taskId}`);

/** A document listed on a task the actor reads (the download's rule, without opening it); 404 otherwise. */
export async function readableAttachment(sync: SyncContext, actor: Actor, taskId: string, attachmentId: string): Promise<AttachmentRef> {
  const task = await readableTask(sync, actor, taskId);
  // Only what the task lists now: the task is the one record of which documents it holds.
  const ref = task.attachments.find((a) => a.id === attachmentId);
  if (!ref) throw noDocument(taskId, attachmentId);
  return ref;
}
