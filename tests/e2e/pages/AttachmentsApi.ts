// Files tasks and attaches documents through the server's API, as another workstation would.
import type { Task } from '../../../shared/task';
import { newTaskDoc, signIn, type Api } from '../../support/api';
import { serverTasks } from './ApprovalApi';

/** Files a front-desk reschedule task (owned by `ownerId`, '' for the team's queue) as `api`'s user. */
export async function fileTask(api: Api, title: string, ownerId: string): Promise<Task> {
  const task = newTaskDoc({ title, typeId: 'appointment_reschedule', queue: 'front_desk', status: 'new', ownerId });
  const pushed = await api.post('/api/sync/tasks/push', [{ newDocumentState: task }]);
  if (pushed.status !== 200 || pushed.body.length) throw new Error(`filing refused: ${JSON.stringify(pushed.body).slice(0, 300)}`);
  return task;
}

/** Uploads one document to the task (multipart, part `file`); the answer's status and body. */
export async function attachFile(
  serverUrl: string,
  api: Api,
  taskId: string,
  file: { name: string; type: string; bytes: Buffer },
): Promise<{ status: number; body: { attachments?: { id: string }[] } }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const response = await fetch(`${serverUrl}/api/tasks/${encodeURIComponent(taskId)}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}` },
    body: form,
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

/** Changes the task on the server (as `api`'s user), over its current state: e.g. hands it on with `{ ownerId }`. */
export async function changeTask(api: Api, taskId: string, patch: Partial<Task>): Promise<void> {
  const current = (await serverTasks(api)).get(taskId);
  if (!current) throw new Error(`task ${taskId} not on the server`);
  const next = { ...current, ...patch, pendingSync: true, updatedAt: new Date().toISOString() };
  const pushed = await api.post('/api/sync/tasks/push', [{ assumedMasterState: current, newDocumentState: next }]);
  if (pushed.status !== 200 || pushed.body.length) throw new Error(`change refused: ${JSON.stringify(pushed.body).slice(0, 300)}`);
}

/** A view of a document made offline as the server's audit record holds it. */
export interface OfflineViewOnRecord {
  actorId: string;
  attachmentId: string;
  viewedAt: string;
  /** The whole line of the audit export, to check what it does not hold. */
  line: string;
}

/** The offline views of the task's documents on the server's record, read from the admin's audit export. */
export async function offlineViewsOnRecord(serverUrl: string, taskId: string, since: string): Promise<OfflineViewOnRecord[]> {
  const admin = await signIn(serverUrl, 'admin', 'ws-audit-reader');
  const to = new Date(Date.now() + 60_000).toISOString();
  const response = await fetch(`${serverUrl}/api/admin/audit.csv?from=${since}&to=${to}`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  if (response.status !== 200) throw new Error(`audit export refused: HTTP ${response.status}`);
  return (await response.text())
    .split(/\r?\n/)
    .filter((line) => line.includes(',attachment_viewed_offline,tasks,') && line.includes(taskId))
    .map((line) => {
      // Columns: id, at, actor_id, workstation_id, action, …; `after` is the one quoted JSON field.
      const after = JSON.parse(/"(\{.*?\})"/.exec(line)![1].replaceAll('""', '"')) as { attachmentId: string; viewedAt: string };
      return { actorId: line.split(',')[2], attachmentId: after.attachmentId, viewedAt: after.viewedAt, line };
    });
}
