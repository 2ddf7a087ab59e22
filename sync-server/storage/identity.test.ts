// The database identity in checkpoints, and pushes after a restore, through the public API (a
// client that skips the app): SQLite and PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { databaseId, lostIn, RESTORE_SEQ_GAP, RESTORES_KEY, type RestorePoint } from './identity';

const servers: InProcessServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function started(kind: 'sqlite' | 'postgres') {
  const server = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
  servers.push(server);
  return { server, api: await signIn(server.base, 'frontdesk') };
}

describe('lost stretches', () => {
  it('a revision between a backup and its restore is lost; the restored ones and later ones are not', () => {
    const points: RestorePoint[] = [{ seq: 10, resumeAt: 10 + RESTORE_SEQ_GAP, at: '2026-01-01T00:00:00Z', databaseId: 'aaaaaaaaaaaa' }];
    expect(lostIn(points, 11)).toBe(points[0]);
    expect(lostIn(points, 10 + RESTORE_SEQ_GAP)).toBe(points[0]);
    for (const rev of [10, 11 + RESTORE_SEQ_GAP, undefined, '11', 11.5]) expect(lostIn(points, rev)).toBeUndefined();
  });
});

describe.each(['sqlite', 'postgres'] as const)('database identity on %s', (kind) => {
  it('is in every checkpoint; another identity, or a seq ahead of the server, pulls from zero with reset', async () => {
    const { server, api } = await started(kind);
    const identity = await databaseId(server.server.storage);
    const first = await api.pullAll('tasks', 1000);
    expect(first.checkpoint).toMatch(new RegExp(`\\.d${identity}$`));
    const everything = first.documents.length;
    expect(everything).toBeGreaterThan(0);

    const pull = async (checkpoint: string) =>
      (await api.get(`/api/sync/tasks/pull?${new URLSearchParams({ checkpoint, limit: '1000' })}`)).body;
    // Caught up: nothing new, no reset.
    expect(await pull(first.checkpoint)).toMatchObject({ documents: [] });
    expect((await pull(first.checkpoint)).reset).toBeUndefined();
    // A checkpoint from before identities goes on as before (no needless resync at the upgrade).
    const old = await pull(first.checkpoint.replace(/\.d[0-9a-f]{12}$/, ''));
    expect(old.documents).toEqual([]);
    expect(old.reset).toBeUndefined();
    // The database as it was before a restore (another identity).
    const other = await pull(first.checkpoint.replace(/\.d[0-9a-f]{12}$/, '.d0123456789ab'));
    expect(other.reset).toBe(true);
    expect(other.documents).toHaveLength(everything);
    expect(other.checkpoint).toMatch(new RegExp(`\\.d${identity}$`));
    // A seq the server never reached (a database put back by hand).
    const seq = await server.server.storage.currentSeq();
    const ahead = await pull(first.checkpoint.replace(/^\d+/, String(seq + 50)));
    expect(ahead.reset).toBe(true);
    expect(ahead.documents).toHaveLength(everything);
  });

  it('an edit of a state a restore erased lands as made; a replica starting over lands its offline edit', async () => {
    const { server, api } = await started(kind);
    const { documents } = await api.pullAll('tasks', 1000);
    const [task, other] = documents.filter((d) => d.queue === 'front_desk' && ['new', 'ready', 'in_progress'].includes(d.status));
    const seq = await server.server.storage.currentSeq();
    // As a restore records it (the restore also moves the sequence on; here the lost stretch starts at the head).
    await server.server.storage.setSetting(
      RESTORES_KEY,
      JSON.stringify([
        { seq, resumeAt: seq + RESTORE_SEQ_GAP, at: new Date().toISOString(), databaseId: await databaseId(server.server.storage) },
      ]),
    );
    // After the backup the title was changed (acknowledged, then lost with the restore); offline,
    // the workstation then changed the priority. Both land: a merge against the lost state would
    // take the restored title back as "the server's change".
    const lost = { ...task, title: 'Renamed after the backup', rev: seq + 7 };
    const edited = { ...lost, priority: task.priority === 'urgent' ? 'low' : 'urgent' };
    const pushed = await api.post('/api/sync/tasks/push', [{ assumedMasterState: lost, newDocumentState: edited }]);
    expect(pushed.status).toBe(200);
    const stored = (await server.server.storage.getDoc('tasks', task.id))!.data;
    expect(stored).toMatchObject({ title: 'Renamed after the backup', priority: edited.priority });

    // A replica starting over pushes without an assumed state; its copy names the revision it edited.
    const offline = { ...other, priority: other.priority === 'high' ? 'low' : 'high' };
    expect((await api.post('/api/sync/tasks/push', [{ newDocumentState: offline }])).status).toBe(200);
    expect((await server.server.storage.getDoc('tasks', other.id))!.data.priority).toBe(offline.priority);
  });
});
