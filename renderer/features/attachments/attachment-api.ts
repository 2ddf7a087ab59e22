// The server's attachment calls, made with the signed-in person's session: upload documents to a
// task, read one to view or to save it (the server audits each read), report the views of a kept
// copy made offline. Answers are checked like every boundary.
import { AttachmentsAdded, type AttachmentPurpose, type AttachmentRef } from '../../../shared/attachments/attachment';
import { OfflineViewsRecorded, type OfflineView } from '../../../shared/attachments/offline-views';
import { ApiError } from '../../../shared/wire';

export type FetchedDocument =
  | { kind: 'ok'; bytes: Uint8Array<ArrayBuffer> }
  /** No answer (offline, or the server is down): a kept copy may stand in. */
  | { kind: 'unreachable' }
  | { kind: 'refused'; message: string };

class UploadError extends Error {}

export interface AttachmentApi {
  read(taskId: string, attachmentId: string, purpose: AttachmentPurpose): Promise<FetchedDocument>;
  /** Adds the files to the task; answers the documents as listed on it, or throws UploadError with why not. */
  upload(taskId: string, files: readonly File[]): Promise<AttachmentRef[]>;
  /** Puts views of the document made offline on the server's record: whether it answered that it did. */
  reportOfflineViews(taskId: string, attachmentId: string, views: readonly OfflineView[]): Promise<boolean>;
}

const documentsOf = (taskId: string) => `/api/tasks/${encodeURIComponent(taskId)}/attachments`;

/** A gateway's "the server is not there" counts as offline, like no answer at all. */
const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

async function refusal(response: Response, fallback: string): Promise<string> {
  const error = ApiError.safeParse(await response.json().catch(() => null));
  return error.success ? error.data.message : fallback;
}

export function createAttachmentApi(serverUrl: string, getToken: () => string, doFetch: typeof fetch = fetch): AttachmentApi {
  const auth = () => ({ authorization: `Bearer ${getToken()}` });
  return {
    async read(taskId, attachmentId, purpose) {
      let response: Response;
      try {
        const path = `${documentsOf(taskId)}/${encodeURIComponent(attachmentId)}?purpose=${purpose}`;
        response = await doFetch(`${serverUrl}${path}`, { headers: auth() });
      } catch {
        return { kind: 'unreachable' };
      }
      if (UNREACHABLE_STATUSES.has(response.status)) return { kind: 'unreachable' };
      if (response.status === 404) return { kind: 'refused', message: 'This document is not available to you (or no longer exists).' };
      if (!response.ok) return { kind: 'refused', message: await refusal(response, `The server refused (HTTP ${response.status}).`) };
      return { kind: 'ok', bytes: new Uint8Array(await response.arrayBuffer()) };
    },
    async upload(taskId, files) {
      const body = new FormData();
      for (const file of files) body.append('file', file, file.name);
      let response: Response;
      try {
        response = await doFetch(`${serverUrl}${documentsOf(taskId)}`, {
          method: 'POST',
          headers: auth(),
          body,
        });
      } catch {
        throw new UploadError('The server cannot be reached: attaching needs a connection.');
      }
      if (!response.ok) throw new UploadError(await refusal(response, `The server refused the upload (HTTP ${response.status}).`));
      const parsed = AttachmentsAdded.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new UploadError('The server sent an answer this app does not understand.');
      return parsed.data.attachments;
    },
    async reportOfflineViews(taskId, attachmentId, views) {
      const path = `${documentsOf(taskId)}/${encodeURIComponent(attachmentId)}/offline-views`;
      const response = await doFetch(`${serverUrl}${path}`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({ views }),
      }).catch(() => null);
      if (!response?.ok) return false;
      return OfflineViewsRecorded.safeParse(await response.json().catch(() => null)).success;
    },
  };
}
