// Files tasks and attaches documents through the server's API, as another workstation would.
import type { Task } from '../../../shared/task';
import { newTaskDoc, type Api } from '../../support/api';
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
  form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
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
