// Task documents and bulk HTTP seeding shared by the scenarios. Every document is made from the
// demo seed's tasks (sync-server/seed/demo.ts), which stay consistent with the task schema and the
// workflow rules as they change; only the id, title and patient reference differ.
import { newId } from '../../shared/ids';
import type { Task } from '../../shared/task';
import type { TaskDraft } from '../../renderer/db/tasks';
import { demoTasks } from '../../sync-server/seed/demo';
import { clock } from './stats';
import { PUSH_ROWS_MAX } from '../../shared/wire';

// New (untriaged) tasks: what any signed-in user may file under the workflow rules.
const DEMO = demoTasks();
const TEMPLATES = DEMO.some((t) => t.status === 'new') ? DEMO.filter((t) => t.status === 'new') : DEMO;
const INITIALS = ['J.D.', 'M.R.', 'A.K.', 'L.P.', 'S.T.', 'R.B.', 'C.W.', 'E.H.', 'K.N.', 'T.G.'];

/** A valid new task as a workstation pushes it (a demo task with a new id), about 1 kB of JSON. */
export function benchTask(i: number): Task {
  const template = TEMPLATES[i % TEMPLATES.length];
  return {
    ...template,
    id: newId(),
    title: `${template.title} (bench #${i})`,
    patientRef: template.patientRef ? `MRN ${100200 + i} ${INITIALS[i % INITIALS.length]}` : '',
    pendingSync: true,
  };
}

/** The same task as the Baton server stores it after a first push (for the reference server). */
export function stampedBenchTask(i: number, seq: number, now = Date.now()): Task {
  const at = new Date(now).toISOString();
  return {
    ...benchTask(i),
    pendingSync: false,
    rev: seq,
    serverUpdatedAt: at,
    updatedBy: 'u-admin',
    history: [{ rev: seq, at, actorId: 'u-admin', actorName: 'IT Admin', workstationId: 'bench-seed', kind: 'created', changes: [] }],
  };
}

/**
 * What a user enters in the intake dialog, for createTask: every client field of a new demo task
 * (createTask keeps what it knows and sets the rest), so it stays valid as fields are added.
 */
export function benchDraft(title: string): TaskDraft {
  // Without the id: createTask gives every task a new one.
  const { id: _id, ...template } = TEMPLATES[0];
  return { ...template, title, dueAt: new Date(Date.now() + 86_400_000).toISOString() };
}

import { login } from '../../tests/support/api';
export { login };

export async function pushBatch(serverUrl: string, token: string, body: string): Promise<unknown[]> {
  const response = await fetch(`${serverUrl}/api/sync/tasks/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  if (!response.ok) throw new Error(`push: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as unknown[];
}

export const pushBody = (tasks: Task[]) => JSON.stringify(tasks.map((task) => ({ newDocumentState: { ...task, _deleted: false } })));

/**
 * Seeds `count` tasks over HTTP as the demo manager (files tasks and reads every queue), `batch` rows per push, `concurrency` pushes in
 * flight. Returns the ids and the time it took (not part of any measured figure).
 */
export async function seedTasks(serverUrl: string, count: number, options: { batch?: number; concurrency?: number; offset?: number } = {}) {
  const batch = Math.min(options.batch ?? PUSH_ROWS_MAX, PUSH_ROWS_MAX);
  const concurrency = options.concurrency ?? 2;
  const offset = options.offset ?? 0;
  const { token } = await login(serverUrl, 'manager', 'bench-seed');
  const started = clock();
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + batch);
      const tasks = Array.from({ length: next - from }, (_, k) => benchTask(offset + from + k));
      ids.push(...tasks.map((t) => t.id));
      const answer = await pushBatch(serverUrl, token, pushBody(tasks));
      if (answer.length) throw new Error(`seed: the server answered ${answer.length} rows (refused or merged)`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ids, ms: clock() - started };
}

/** The server's own actor for seeding through the storage (importHistory): the demo seed's kind. */
export const BENCH_SEEDER = {
  userId: 'u-admin',
  username: 'admin',
  displayName: 'Bench',
  roles: ['admin' as const],
  locationIds: ['loc-main'],
  workstationId: 'bench',
  sessionId: 'bench',
  system: true,
};
