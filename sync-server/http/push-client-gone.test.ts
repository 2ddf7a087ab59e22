// A push whose client hangs up while it waits for its write writes nothing, on both storages. A
// workstation whose push was cut (offline, a timeout) pushes its current state next; if the cut
// push were written after that one, its older row would undo the newer write as the same writer's
// own update (chaos seeds 63 and 70: a value applied again after it was replaced).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { WRITER_HEADER } from '../../shared/wire';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

const REPLICA = 'replica-gone-0001';

describe.each(['sqlite', 'postgres'] as const)('a push whose client hung up, on %s', (kind) => {
  let running: InProcessServer;
  let frontdesk: Api;
  /** Calls of the storage's write since the test began. */
  let writes = 0;

  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    frontdesk = await signIn(running.base, 'frontdesk', 'ws-gone');
    const storage = running.server.storage;
    const write = storage.write.bind(storage);
    storage.write = (fn) => {
      writes++;
      return write(fn);
    };
  });
  afterAll(async () => {
    await running?.close();
  });

  const title = async (id: string) => ((await running.server.storage.getDoc('tasks', id))!.data as Task).title;

  /** Sends a push of `title` while another write holds the storage; `hangUp` aborts it while it waits there. */
  async function pushBehindAWrite(doc: Task & { _deleted: boolean }, newTitle: string, hangUp: boolean): Promise<void> {
    let release!: () => void;
    const held = running.server.storage.write(() => new Promise<void>((resolve) => (release = resolve)));
    const before = writes;
    const client = new AbortController();
    const sent = fetch(`${running.base}/api/sync/tasks/push`, {
      method: 'POST',
      signal: client.signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${frontdesk.token}`, [WRITER_HEADER]: REPLICA },
      body: JSON.stringify([
        { assumedMasterState: doc, newDocumentState: { ...doc, title: newTitle, updatedAt: new Date().toISOString() } },
      ]),
    }).catch(() => undefined);
    // The push has reached the storage's queue.
    while (writes === before) await new Promise((resolve) => setTimeout(resolve, 10));
    if (hangUp) {
      client.abort();
      await sent;
      // The server (in this process) sees the connection close on its next turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    release();
    await held;
    await sent;
    // The storage's queue is first in, first out: this runs after the push's write.
    await running.server.storage.write(async () => undefined);
  }

  it('writes nothing when the client hung up before its write began', async () => {
    const filed = newTaskDoc({ title: 'Filed' });
    expect(
      (await frontdesk.post('/api/sync/tasks/push', [{ newDocumentState: filed }], frontdesk.token, { [WRITER_HEADER]: REPLICA })).status,
    ).toBe(200);
    const doc = { ...((await running.server.storage.getDoc('tasks', filed.id))!.data as Task), _deleted: false };

    await pushBehindAWrite(doc, 'Cut on the way', true);
    expect(await title(doc.id)).toBe('Filed');

    // The same push from a client that waits is written.
    await pushBehindAWrite(doc, 'Waited for', false);
    expect(await title(doc.id)).toBe('Waited for');
  });
});
