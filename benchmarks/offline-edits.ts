// Scenario 4: 1,000 edits made offline on one workstation all reach another workstation within
// 5 s of reconnect; none lost (every value on the receiver), none applied twice (server history
// and audit log hold exactly one update per edit).
import path from 'node:path';
import Database from 'better-sqlite3';
import { updateTask } from '../renderer/db/tasks';
import type { Task } from '../shared/task';
import { openWorkstation, type Workstation } from '../tests/support/node-workstation';
import { login, seedTasks } from './lib/fixtures';
import type { Report } from './lib/report';
import { startBatonServer } from './lib/servers';
import { clock, until } from './lib/stats';

const S = 'offline-edits';
const EDITS = 1000;

export async function offlineEdits(report: Report, details: Record<string, unknown>): Promise<void> {
  const server = await startBatonServer();
  const open: Workstation[] = [];
  try {
    const { ids } = await seedTasks(server.url, EDITS, { batch: 200 });
    // Two managers' workstations: a manager reads every queue the seeded tasks are filed to.
    const a = await openWorkstation(server.url, { username: 'manager', storage: 'memory' });
    open.push(a);
    const b = await openWorkstation(server.url, { username: 'manager', storage: 'memory' });
    open.push(b);
    await Promise.all([a.connected(), b.connected(), a.sync.awaitInSync(), b.sync.awaitInSync()]);
    await until(
      async () => (await b.db.tasks.count().exec()) >= EDITS && (await a.db.tasks.count().exec()) >= EDITS,
      30_000,
      'both replicas to hold the seeded tasks',
    );

    const tag = `offline-${Date.now()}`;
    const expected = new Map(ids.map((id, i) => [id, `Offline edit ${i} ${tag}`]));
    const arrived = new Set<string>();
    let done = 0;
    const subscription = b.db.tasks.$.subscribe((change) => {
      const title = (change.documentData as Partial<Task> | undefined)?.title;
      if (title !== undefined && expected.get(change.documentId) === title && !arrived.has(change.documentId)) {
        arrived.add(change.documentId);
        if (arrived.size === EDITS) done = clock();
      }
    });

    a.goOffline();
    const editStart = clock();
    for (const [id, title] of expected) await updateTask(a.db, id, { title });
    details.offlineEditMs = Math.round(clock() - editStart);
    const pending = await a.db.tasks.count({ selector: { pendingSync: true } }).exec();
    if (pending !== EDITS) throw new Error(`expected ${EDITS} pending edits on A, found ${pending}`);

    const reconnect = clock();
    a.goOnline();
    await until(() => done > 0, 30_000, 'every offline edit on the other workstation').catch(() => undefined);
    subscription.unsubscribe();
    const elapsed = done > 0 ? done - reconnect : NaN;
    report.figure(S, `${EDITS} offline edits: all on other workstation after reconnect`, elapsed, 'ms', { kind: 'max', value: 5000 });

    // None lost: read every value back from the receiving replica.
    const onB = await b.db.tasks.findByIds(ids).exec();
    const lost = ids.filter((id) => onB.get(id)?.title !== expected.get(id)).length;
    report.figure(S, 'edits missing on the receiver', lost, 'edits', { kind: 'max', value: 0 });

    // None applied twice: the server's history has one 'updated' entry per task, from A.
    await until(
      async () => (await a.db.tasks.count({ selector: { pendingSync: true } }).exec()) === 0,
      15_000,
      'A to finish uploading',
    ).catch(() => undefined);
    const reader = await login(server.url, 'manager', 'bench-check');
    const history = new Map<string, Task['history']>();
    for (let checkpoint = ''; ;) {
      const response = await fetch(`${server.url}/api/sync/tasks/pull?limit=5000${checkpoint ? `&checkpoint=${checkpoint}` : ''}`, {
        headers: { authorization: `Bearer ${reader.token}` },
      });
      const body = (await response.json()) as { documents: Task[]; checkpoint: string };
      for (const doc of body.documents) history.set(doc.id, doc.history);
      checkpoint = body.checkpoint;
      if (body.documents.length < 5000) break;
    }
    const twice = ids.filter((id) => {
      const entries = history.get(id) ?? [];
      const updates = entries.filter((h) => h.kind !== 'created');
      return updates.length !== 1 || updates[0].workstationId !== a.name;
    }).length;
    report.figure(S, 'tasks whose server history is not exactly one update', twice, 'tasks', { kind: 'max', value: 0 });

    // And the audit log: exactly one update entry per edit from A's workstation.
    try {
      const db = new Database(path.join(server.dataDir, 'baton.sqlite'), { readonly: true });
      try {
        // Update entries for the edited tasks after the seed (the seed's are 'create').
        const rows = db
          .prepare("SELECT doc_id AS id, workstation_id AS ws FROM audit WHERE action = 'update' AND collection = 'tasks'")
          .all() as { id: string; ws: string }[];
        const edited = rows.filter((r) => expected.has(r.id));
        const byWorkstation: Record<string, number> = {};
        for (const r of edited) byWorkstation[r.ws] = (byWorkstation[r.ws] ?? 0) + 1;
        const docs = new Set(edited.map((r) => r.id)).size;
        details.audit = { updates: edited.length, distinctTasks: docs, byWorkstation };
        report.figure(
          S,
          'audit: update entries for the edited tasks',
          edited.length,
          'entries',
          { kind: 'eq', value: EDITS },
          `${docs} distinct tasks`,
        );
      } finally {
        db.close();
      }
    } catch (error) {
      details.auditError = (error as Error).message;
    }
    details.pullRequestsOnReceiver = b.pulls;
  } finally {
    await Promise.all(open.map((ws) => ws.close().catch(() => undefined)));
    await server.dispose();
  }
}
