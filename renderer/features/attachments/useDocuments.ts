// A task's documents for the signed-in person: open one (from the server, or its kept copy while
// offline), save one, attach files. Bound to their session's token and their kept documents.
import { useMemo } from 'react';
import type { AttachmentRef } from '../../../shared/attachments/attachment';
import type { Task } from '../../../shared/task';
import { getHost } from '../../host';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { useSessionStore } from '../session';
import { createAttachmentApi, type AttachmentApi } from './attachment-api';
import { inOwnWork } from './cache-rules';
import { keptDocumentsOf } from './kept-documents';
import { openDocument, type OpenedDocument } from './open-document';
import { saveFile } from './save-file';

export interface TaskDocuments {
  open(ref: AttachmentRef): Promise<OpenedDocument>;
  /** Saves the document (audited as a download); answers why not, or null once it is saved. */
  download(ref: AttachmentRef): Promise<string | null>;
  attach(files: readonly File[]): Promise<AttachmentRef[]>;
}

export const OFFLINE_MESSAGE = 'This document is available when the connection is back.';

/** The server's attachment calls with the signed-in person's current token. */
export function useAttachmentApi(): AttachmentApi {
  const store = useSessionStore();
  return useMemo(() => createAttachmentApi(getHost().serverUrl, () => store.getState().session?.token ?? ''), [store]);
}

export function useDocuments(task: Task): TaskDocuments {
  const { workspace, user } = useWorkspace();
  const actor = useWorkflowActor();
  const config = usePracticeConfig();
  const api = useAttachmentApi();
  return useMemo(
    () => ({
      open: async (ref) =>
        openDocument(task.id, ref, { api, cache: await keptDocumentsOf(workspace.db, user.id), keep: inOwnWork(task, actor, config) }),
      download: async (ref) => {
        const answer = await api.read(task.id, ref.id, 'download');
        if (answer.kind === 'unreachable') return 'Saving a document needs a connection to the server.';
        if (answer.kind === 'refused') return answer.message;
        saveFile(answer.bytes, ref.name, ref.contentType);
        return null;
      },
      attach: (files) => api.upload(task.id, files),
    }),
    [api, task, workspace.db, user.id, actor, config],
  );
}
