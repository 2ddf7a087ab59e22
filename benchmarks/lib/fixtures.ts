// Task documents and bulk HTTP seeding shared by the scenarios.
import { TASK_TYPES } from '../../shared/catalog';
import { newId } from '../../shared/ids';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, TASK_STATUSES, type Task } from '../../shared/task';
import { LoginResponse } from '../../shared/wire';
import type { TaskDraft } from '../../renderer/data/tasks';
import { clock } from './stats';

export const LOCATION_ID = 'loc-main';
const INITIALS = ['J.D.', 'M.R.', 'A.K.', 'L.P.', 'S.T.', 'R.B.', 'C.W.', 'E.H.', 'K.N.', 'T.G.'];
const HOUR = 3600_000;

/** A valid task as a workstation pushes it (same shape as the demo seed), about 0.7 kB of JSON. */
export function benchTask(i: number, now = Date.now()): Task {
  const type = TASK_TYPES[i % TASK_TYPES.length];
  const createdAt = new Date(now - (i % 500) * HOUR).toISOString();
  return {
    id: newId(),
    title: `Bench task #${i}: ${type.label.toLowerCase()}`,
    status: TASK_STATUSES[i % TASK_STATUSES.length],
    typeId: type.id,
    queue: type.defaultQueue,
    locationId: LOCATION_ID,
    priority: (['normal', 'high', 'normal', 'low', 'urgent'] as const)[i % 5],
    ownerId: i % 3 === 0 ? '' : 'u-frontdesk',
    dueAt: new Date(now + ((i % 9) - 3) * 8 * HOUR).toISOString(),
    channel: (['phone', 'portal', 'fax', 'walk_in', 'provider_request', 'email', 'integration'] as const)[i % 7],
    patientRef: `MRN ${100200 + i} ${INITIALS[i % INITIALS.length]}`,
    description: `Benchmark request #${i}: patient called about ${type.label.toLowerCase()}, please follow up and note the outcome.`,
    ...EMPTY_WORKFLOW_FIELDS,
    notes: [],
    createdAt,
    createdBy: 'u-frontdesk',
    updatedAt: createdAt,
    pendingSync: true,
    ...EMPTY_SERVER_FIELDS,
  };
}

/** The same task as the Baton server would store it after a first push (for the reference server). */
export function stampedBenchTask(i: number, seq: number, now = Date.now()): Task {
  const task = benchTask(i, now);
  const at = new Date(now).toISOString();
  return {
    ...task,
    pendingSync: false,
    rev: seq,
    serverUpdatedAt: at,
    updatedBy: 'u-admin',
    history: [{ rev: seq, at, actorId: 'u-admin', actorName: 'IT Admin', workstationId: 'bench-seed', kind: 'created', changes: [] }],
  };
}

/** What a user types into the intake dialog (for createTask on a workstation). */
export function benchDraft(title: string): TaskDraft {
  return {
    title,
    typeId: 'records_request',
    queue: 'front_desk',
    locationId: LOCATION_ID,
    priority: 'normal',
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    channel: 'phone',
    patientRef: 'MRN 555001 T.Q.',
  };
}

export async function login(serverUrl: string, username: string, workstationId: string): Promise<LoginResponse> {
  const response = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'baton-demo', workstationId }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return LoginResponse.parse(await response.json());
}

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
 * Seeds `count` tasks over HTTP as the demo admin, `batch` rows per push, `concurrency` pushes in
 * flight. Returns the ids and the time it took (not part of any measured figure).
 */
export async function seedTasks(serverUrl: string, count: number, options: { batch?: number; concurrency?: number; offset?: number } = {}) {
  const batch = options.batch ?? 2000;
  const concurrency = options.concurrency ?? 2;
  const offset = options.offset ?? 0;
  const { token } = await login(serverUrl, 'admin', 'bench-seed');
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
