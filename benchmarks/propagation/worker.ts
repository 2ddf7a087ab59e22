// A worker thread holding a few simulated workstations (the free RxDB build allows 13 open
// collections per JS realm). Replicates with the Baton server (lib/node-replica: the renderer's
// replica and replication client on memory storage) or with the websocket reference server (the
// same database, RxDB's own client).
import { parentPort, workerData } from 'node:worker_threads';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Subscription } from 'rxjs';
import { newId } from '../../shared/ids';
import { openBatonDatabase, type BatonDatabase } from '../../renderer/db/database';
import { createTask } from '../../renderer/db/tasks';
import { openNodeReplica } from '../lib/node-replica';
import { benchDraft } from '../lib/fixtures';
import { startReferenceSync } from '../lib/reference-client';
import { clock, sleep } from '../lib/stats';

export type PropagationEvent = { type: 'wrote'; id: string; t: number } | { type: 'seen'; ws: string; id: string; t: number };

interface Station {
  name: string;
  db: BatonDatabase;
  actor: { id: string; displayName: string };
  close(): Promise<void>;
}

const { kind } = workerData as { kind: 'baton' | 'reference' };
const port = parentPort!;
const stations: Station[] = [];
const subscriptions: Subscription[] = [];
const emit = (event: PropagationEvent) => port.postMessage({ event });

async function open(url: string, users: string[]): Promise<string[]> {
  for (const username of users) {
    if (kind === 'baton') {
      const ws = await openNodeReplica(url, username);
      stations.push({ name: ws.name, db: ws.db, actor: { id: ws.user.id, displayName: ws.user.displayName }, close: () => ws.close() });
    } else {
      const name = `ref-${newId().slice(0, 8)}`;
      const db = await openBatonDatabase({ userId: username, name, storage: getRxStorageMemory(), multiInstance: false });
      const sync = await startReferenceSync(db, url, 1000);
      await sync.awaitInSync();
      stations.push({
        name,
        db,
        actor: { id: `u-${username}`, displayName: username },
        close: async () => {
          await sync.stop();
          await db.close();
        },
      });
    }
  }
  return stations.map((s) => s.name);
}

/** Every workstation reports the moment a task whose title starts with `prefix` lands in its replica. */
function watch(prefix: string): void {
  for (const station of stations) {
    subscriptions.push(
      station.db.tasks.insert$.subscribe((change) => {
        const t = clock();
        const title = (change.documentData as { title?: string }).title ?? '';
        if (title.startsWith(prefix)) emit({ type: 'seen', ws: station.name, id: change.documentId, t });
      }),
    );
  }
}

/** The first workstation of this worker creates `count` tasks, one every `intervalMs`. */
async function write(prefix: string, count: number, intervalMs: number): Promise<void> {
  const writer = stations[0];
  const start = clock();
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs;
    const wait = due - clock();
    if (wait > 0) await sleep(wait);
    const t = clock();
    const task = await createTask(writer.db, benchDraft(`${prefix} ${i}`), writer.actor);
    emit({ type: 'wrote', id: task.id, t });
  }
}

type Command = { callId: number; cmd: string; [key: string]: unknown };

// Every failure is answered to the caller, so the listener never rejects.
async function answer(message: Command): Promise<void> {
  try {
    let result: unknown;
    if (message.cmd === 'open') result = await open(message.url as string, message.users as string[]);
    else if (message.cmd === 'watch') watch(message.prefix as string);
    else if (message.cmd === 'write') await write(message.prefix as string, message.count as number, message.intervalMs as number);
    else if (message.cmd === 'close') {
      subscriptions.splice(0).forEach((s) => s.unsubscribe());
      await Promise.all(stations.splice(0).map((s) => s.close()));
    } else throw new Error(`unknown command ${message.cmd}`);
    port.postMessage({ callId: message.callId, result });
  } catch (error) {
    port.postMessage({ callId: message.callId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
port.on('message', (message: Command) => void answer(message));
