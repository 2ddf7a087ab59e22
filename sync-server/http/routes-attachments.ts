// A task's documents over HTTP: upload (multipart, parts named `file`) by whoever may edit the
// task, view or download by whoever reads it, every view and download audited (ids only: a file
// name may hold PHI), views of a workstation's kept copy made offline recorded once it is back.
// Anyone else gets 404, as for a task that does not exist.
import type { FastifyInstance } from 'fastify';
import { AttachmentParams, AttachmentPurpose, type AttachmentsAdded } from '../../shared/attachments/attachment';
import { MAX_OFFLINE_VIEWS_PER_REQUEST, OfflineViews, type OfflineViewsRecorded } from '../../shared/attachments/offline-views';
import { z } from 'zod';
import { authenticate } from '../auth/actor';
import { attachFiles, checkIncomingFiles, readableTask, readAttachment } from '../attachments/store';
import { recordDocumentRead, recordOfflineViews } from '../attachments/offline-views';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import type { SyncContext } from '../sync/context';
import type { TokenService } from '../auth/tokens';
import { contentDisposition } from './content-disposition';
import { readMultipart } from './multipart';

const DownloadQuery = z.strictObject({ purpose: AttachmentPurpose });

export function registerAttachmentRoutes(app: FastifyInstance, sync: SyncContext, tokens: TokenService): void {
  const { storage } = sync;
  const limits = sync.attachments?.limits;
  if (!limits) return;

  app.post('/api/tasks/:taskId/attachments', async (request, reply): Promise<AttachmentsAdded> => {
    const actor = await authenticate(request, storage, tokens);
    const { taskId } = parseOrBadRequest(AttachmentParams, request.params, 'task id');
    // Before the body is read: a task the actor may not read costs no upload.
    await readableTask(sync, actor, taskId);
    const body = await readMultipart(request, limits);
    if (body.files.some((f) => f.part !== 'file') || Object.keys(body.fields).length > 0)
      throw new HttpError(400, 'bad_request', 'Send each document in a part named "file", and nothing else');
    const files = body.files.map((f) => f.file);
    await checkIncomingFiles(sync, files);
    const attachments = await attachFiles(sync, actor, taskId, files);
    reply.status(201);
    return { attachments };
  });

  app.get('/api/tasks/:taskId/attachments/:attachmentId', async (request, reply) => {
    const actor = await authenticate(request, storage, tokens);
    const { taskId, attachmentId } = parseOrBadRequest(AttachmentParams, request.params, 'document path');
    const { purpose } = parseOrBadRequest(DownloadQuery, request.query, 'document query (?purpose=view or download)');
    if (!attachmentId) throw new HttpError(404, 'not_found', 'No document named');
    const { ref, bytes } = await readAttachment(sync, actor, taskId, attachmentId);
    // Recorded before a byte goes out: no one reads a document unaudited (HEAD sends none).
    if (request.method !== 'HEAD') await recordDocumentRead(sync, actor, taskId, attachmentId, purpose);
    return reply
      .type(ref.contentType)
      .header('content-disposition', contentDisposition(purpose === 'view' ? 'inline' : 'attachment', ref.name))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(bytes);
  });

  app.post('/api/tasks/:taskId/attachments/:attachmentId/offline-views', async (request): Promise<OfflineViewsRecorded> => {
    const actor = await authenticate(request, storage, tokens);
    const { taskId, attachmentId } = parseOrBadRequest(AttachmentParams, request.params, 'document path');
    const { views } = parseOrBadRequest(
      OfflineViews,
      request.body,
      `offline views ({ views: [{ viewId, viewedAt }], 1 to ${MAX_OFFLINE_VIEWS_PER_REQUEST} })`,
    );
    if (!attachmentId) throw new HttpError(404, 'not_found', 'No document named');
    return recordOfflineViews(sync, actor, taskId, attachmentId, views);
  });
}
