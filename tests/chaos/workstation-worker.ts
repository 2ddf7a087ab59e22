// One chaos workstation in its own worker thread: the renderer's replica (the app's log storage on fake-indexeddb,
// so it survives restarts) and replication client, a person editing on a skewed clock, offline
// flaps and restarts, all from a seeded PRNG. Answers the run's snapshot and close requests.
import { parentPort, workerData } from 'node:worker_threads';
import { addNote, createTask, updateTask, type Clock } from '../../renderer/db/tasks';
import { buildPracticeConfig, type PracticeConfig } from '../../shared/config/practice';
import type { ConfigDoc } from '../../shared/config/schemas';
import { mayEditField, type PolicyUser } from '../../shared/policy';
import { PRIORITIES, type Task } from '../../shared/task';
import { openWorkstation, type Workstation } from '../support/node-workstation';
import { isChaosValue, Ledger, TRACKED_FIELDS, uniqueValue } from './ledger';
import { seeded, type Random } from '../../shared/prng';
import type { FromWorker, StationSetup, ToWorker, WorkerFaults, WorkerSetup } from './protocol';

const { inFlight } = workerData as WorkerSetup;
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const EDITED_FIELDS = ['title', 'description', 'patientRef', 'dueAt', 'notes'] as const;

const tasksOf = async (ws: Workstation) => (await ws.db.tasks.find().exec()).map((d) => d.toJSON() as Task);
const configOf = async (ws: Workstation) => (await ws.db.config.find().exec()).map((d) => d.toJSON() as ConfigDoc);

/** Tasks this person may edit on every tracked field: the hot ones, and tasks chaos filed. */
async function candidates(ws: Workstation, user: PolicyUser, practice: PracticeConfig, hot: string[]): Promise<string[]> {
  const filed = (await tasksOf(ws)).filter((t) => !hot.includes(t.id) && isChaosValue('title', t.title) && t.history.length > 0);
  return [...hot, ...filed.filter((t) => EDITED_FIELDS.every((f) => mayEditField(user, t, f, practice))).map((t) => t.id)];
}

/** The person: edits (sometimes the same field twice quickly), files tasks, goes offline, restarts. */
async function act(
  setup: StationSetup,
  ws: Workstation,
  user: PolicyUser,
  random: Random,
  clock: Clock,
  hot: string[],
  until: number,
  faults: WorkerFaults,
): Promise<number> {
  const actor = { id: ws.user.id, displayName: ws.user.displayName };
  const practice = buildPracticeConfig(await configOf(ws));
  let edits = 0;
  let online = true;
  let onlineAt = 0;
  while (Date.now() < until) {
    await sleep(random.int(30, 300));
    if (!online && Date.now() >= onlineAt) {
      ws.goOnline();
      online = true;
      faults.timeline.push({ at: Date.now(), what: 'online' });
    }
    const roll = random.next();
    if (roll < 0.08 && online) {
      ws.goOffline();
      online = false;
      faults.timeline.push({ at: Date.now(), what: 'offline' });
      onlineAt = Date.now() + random.int(200, 3000);
      faults.offline++;
    } else if (roll < 0.1) {
      faults.timeline.push({ at: Date.now(), what: 'restart' });
      await ws.restart();
      faults.restarts++;
      faults.timeline.push({ at: Date.now(), what: 'restarted' });
    } else if (roll < 0.13) {
      edits++;
      const draft = {
        title: uniqueValue('title', setup.index, edits),
        typeId: 'general',
        queue: 'front_desk',
        locationId: 'loc-main',
        priority: 'normal' as const,
        dueAt: uniqueValue('dueAt', setup.index, edits),
        channel: 'phone' as const,
      };
      await createTask(ws.db, draft, actor, clock);
    } else {
      const pool = await candidates(ws, user, practice, hot);
      const id = random.pick(pool);
      if (!(await ws.db.tasks.findOne(id).exec())) continue;
      const field = random.pick([...TRACKED_FIELDS, 'priority', 'note'] as const);
      // A quick second edit of the same field: the person's own consecutive writes.
      const times = random.chance(0.25) ? 2 : 1;
      for (let i = 0; i < times; i++) {
        edits++;
        if (field === 'note') await addNote(ws.db, id, `chaos note w${setup.index} #${edits}`, actor, clock);
        else if (field === 'priority') await updateTask(ws.db, id, { priority: random.pick(PRIORITIES) }, clock);
        else await updateTask(ws.db, id, { [field]: uniqueValue(field, setup.index, edits) }, clock);
        if (i === 0 && times === 2) await sleep(random.int(0, 150));
      }
    }
  }
  ws.goOnline();
  if (!online) faults.timeline.push({ at: Date.now(), what: 'online' });
  return edits;
}

/** The workstation of the current run. */
let current: { ws: Workstation; ledger: Ledger; user: PolicyUser; setup: StationSetup } | undefined;

async function open(setup: StationSetup): Promise<FromWorker> {
  const ledger = new Ledger(new Int32Array(inFlight));
  const ws = await openWorkstation(setup.serverUrl, {
    username: setup.username,
    storage: 'log',
    network: ledger.networkFor(setup.index),
  });
  await ws.sync.awaitInSync();
  const user: PolicyUser = { id: ws.user.id, roles: ws.user.roles, locationIds: ws.user.locationIds ?? [] };
  current = { ws, ledger, user, setup };
  return { type: 'ready', name: ws.name, user, token: ws.token, tasks: await tasksOf(ws), config: await configOf(ws) };
}

async function handle(message: ToWorker): Promise<FromWorker> {
  if (message.type === 'open') return open(message.station);
  if (!current) throw new Error(`${message.type} before open`);
  const { ws, ledger, user, setup } = current;
  if (message.type === 'go') {
    const faults: WorkerFaults = { offline: 0, restarts: 0, timeline: [] };
    const clock: Clock = () => new Date(Date.now() + setup.skewMs);
    const edits = await act(setup, ws, user, seeded(setup.seed), clock, message.hot, message.until, faults);
    return { type: 'edited', edits, faults };
  }
  if (message.type === 'snapshot') return { type: 'snapshot', tasks: await tasksOf(ws) };
  current = undefined;
  await ws.close();
  return {
    type: 'closed',
    acked: [...ledger.acked.values()],
    pushesCut: ledger.pushesCut,
    traces: ledger.traces,
    received: ledger.received,
  };
}

port.on('message', (message: ToWorker) => {
  handle(message).then(send, (error: unknown) => send({ type: 'failed', error: (error as Error).stack ?? String(error) }));
});
