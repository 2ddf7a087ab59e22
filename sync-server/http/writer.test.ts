// Writer identity through the public API, against a real listening server on both storages: a
// writer's own consecutive pushes from an older assumed state are plain updates; a write by
// another writer in between still merges (different fields both kept, same field: the server's
// value stands and ours is kept in the history).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { WRITER_HEADER } from '../../shared/wire';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import type { BatonServer } from '../app';

type Doc = Task & { _deleted: boolean };
const REPLICA = 'replica-a-0001';
const OTHER_REPLICA = 'replica-b-0002';

describe.each(['sqlite', 'postgres'] as const)('writers on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let base: string;
  let frontdesk: Api;

  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    ({ server, base } = running);
    frontdesk = await signIn(base, 'frontdesk', 'ws-writer-a');
  });
  afterAll(async () => {
    await running?.close();
  });

  const push = (who: Api, assumed: Doc | undefined, next: Doc, replica?: string) =>
    who.post(
      '/api/sync/tasks/push',
      [{ ...(assumed ? { assumedMasterState: assumed } : {}), newDocumentState: next }],
      who.token,
      replica ? { [WRITER_HEADER]: replica } : {},
    );
  /** The task as a pull would deliver it. */
  const stored = async (id: string): Promise<Doc> => {
    const doc = await server.storage.getDoc('tasks', id);
    return { ...(doc!.data as Task), _deleted: doc!.deleted };
  };
  const create = async (who: Api, replica?: string): Promise<Doc> => {
    const doc = newTaskDoc({ title: 'Writer test', priority: 'normal' });
    expect((await push(who, undefined, doc, replica)).status).toBe(200);
    return stored(doc.id);
  };
  /** The history after the creation: kind, changed fields, superseded values. */
  const edits = async (id: string) =>
    (await stored(id)).history
      .slice(1)
      .map((h) => ({ kind: h.kind, actorId: h.actorId, fields: h.changes.map((c) => c.field), superseded: h.superseded ?? [] }));

  it('an insert applied but not answered, then edited and pushed again as an insert by the same replica: a plain update; by another, merged', async () => {
    const doc = newTaskDoc({ title: 'Filed offline', priority: 'normal' });
    expect((await push(frontdesk, undefined, doc, REPLICA)).status).toBe(200);
    // The answer was lost: the replica still has no assumed state and pushes its edit as an insert.
    expect((await push(frontdesk, undefined, { ...doc, title: 'Filed offline, corrected' }, REPLICA)).status).toBe(200);
    expect((await stored(doc.id)).title).toBe('Filed offline, corrected');
    expect(await edits(doc.id)).toEqual([{ kind: 'updated', actorId: frontdesk.userId, fields: ['title'], superseded: [] }]);

    // Another replica pushing the same id as an insert still merges: the server's value stands.
    await push(frontdesk, undefined, { ...doc, title: 'From elsewhere' }, OTHER_REPLICA);
    const after = await stored(doc.id);
    expect(after.title).toBe('Filed offline, corrected');
    expect(after.history.at(-1)?.superseded).toEqual([expect.objectContaining({ field: 'title', value: 'From elsewhere' })]);
  });

  it("applies a replica's second edit of a field from the older assumed state as a plain update: the later value wins, nothing superseded", async () => {
    const v1 = await create(frontdesk, REPLICA);
    expect((await push(frontdesk, v1, { ...v1, priority: 'high' }, REPLICA)).body).toEqual([]);
    // The first answer did not reach the replica's meta: the second push still assumes v1.
    const second = await push(frontdesk, v1, { ...v1, priority: 'urgent' }, REPLICA);
    expect(second).toEqual({ status: 200, body: [] });
    expect((await stored(v1.id)).priority).toBe('urgent');
    expect(await edits(v1.id)).toEqual([
      { kind: 'updated', actorId: 'u-frontdesk', fields: ['priority'], superseded: [] },
      { kind: 'updated', actorId: 'u-frontdesk', fields: ['priority'], superseded: [] },
    ]);
  });

  it('keeps the replica across a new sign-in (another session): different fields, still a plain update', async () => {
    const v1 = await create(frontdesk, REPLICA);
    await push(frontdesk, v1, { ...v1, title: 'Renamed' }, REPLICA);
    const signedInAgain = await signIn(base, 'frontdesk', 'ws-writer-a');
    const second = await push(signedInAgain, v1, { ...v1, title: 'Renamed', priority: 'high' }, REPLICA);
    expect(second).toEqual({ status: 200, body: [] });
    expect(await stored(v1.id)).toMatchObject({ title: 'Renamed', priority: 'high' });
    expect((await edits(v1.id)).map((e) => e.kind)).toEqual(['updated', 'updated']);
  });

  it("merges when another writer (the same person's other workstation) changed the same field in between: the server's value stands, ours is in the history", async () => {
    const v1 = await create(frontdesk, REPLICA);
    await push(frontdesk, v1, { ...v1, priority: 'high' }, OTHER_REPLICA);
    const answer = await push(frontdesk, v1, { ...v1, priority: 'urgent' }, REPLICA);
    expect(answer.body).toEqual([expect.objectContaining({ id: v1.id, priority: 'high' })]);
    expect(await edits(v1.id)).toEqual([
      { kind: 'updated', actorId: 'u-frontdesk', fields: ['priority'], superseded: [] },
      {
        kind: 'merged',
        actorId: 'u-frontdesk',
        fields: [],
        superseded: [expect.objectContaining({ field: 'priority', value: 'urgent', byActorId: 'u-frontdesk' })],
      },
    ]);
  });

  it('merges when another writer changed a different field in between: both kept', async () => {
    const v1 = await create(frontdesk, REPLICA);
    const manager = await signIn(base, 'manager', 'ws-writer-m');
    await push(manager, v1, { ...v1, title: 'Manager title' }, OTHER_REPLICA);
    const answer = await push(frontdesk, v1, { ...v1, priority: 'low' }, REPLICA);
    expect(answer.body).toEqual([expect.objectContaining({ title: 'Manager title', priority: 'low' })]);
    expect(await edits(v1.id)).toEqual([
      { kind: 'updated', actorId: 'u-manager', fields: ['title'], superseded: [] },
      { kind: 'updated', actorId: 'u-frontdesk', fields: ['priority'], superseded: [] },
    ]);
  });

  it("never supersedes a writer's own earlier value when another writer's change lies between: own field updated, other's field kept", async () => {
    const v1 = await create(frontdesk, REPLICA);
    await push(frontdesk, v1, { ...v1, priority: 'high' }, REPLICA);
    const manager = await signIn(base, 'manager', 'ws-writer-m');
    await push(manager, await stored(v1.id), { ...(await stored(v1.id)), title: 'Manager title' }, OTHER_REPLICA);
    // The replica never saw either answer: it assumes v1 and holds its own two edits.
    await push(frontdesk, v1, { ...v1, priority: 'urgent' }, REPLICA);
    expect(await stored(v1.id)).toMatchObject({ title: 'Manager title', priority: 'urgent' });
    expect((await edits(v1.id)).every((e) => e.superseded.length === 0)).toBe(true);
  });

  it('falls back to the session for a client that sends no writer id: its own stale push is an update, another session of the same person merges', async () => {
    const v1 = await create(frontdesk);
    await push(frontdesk, v1, { ...v1, priority: 'high' });
    expect((await push(frontdesk, v1, { ...v1, priority: 'urgent' })).body).toEqual([]);
    expect((await stored(v1.id)).priority).toBe('urgent');

    const otherSession = await signIn(base, 'frontdesk', 'ws-writer-a');
    const answer = await push(otherSession, v1, { ...v1, priority: 'low' });
    expect(answer.body).toEqual([expect.objectContaining({ priority: 'urgent' })]);
    expect((await edits(v1.id)).at(-1)).toMatchObject({
      kind: 'merged',
      superseded: [expect.objectContaining({ field: 'priority', value: 'low' })],
    });
  });

  it("does not count another person's push as this replica's, even with the same replica id", async () => {
    const v1 = await create(frontdesk, REPLICA);
    await push(frontdesk, v1, { ...v1, priority: 'high' }, REPLICA);
    const manager = await signIn(base, 'manager', 'ws-writer-m');
    const answer = await push(manager, v1, { ...v1, priority: 'low' }, REPLICA);
    expect(answer.body).toEqual([expect.objectContaining({ priority: 'high' })]);
    expect((await edits(v1.id)).at(-1)).toMatchObject({
      kind: 'merged',
      actorId: 'u-manager',
      superseded: [expect.objectContaining({ value: 'low' })],
    });
  });

  // Issue 10: a row that reaches the server again after the writer's later write (a retry whose
  // first attempt was applied, a request delivered late, a replica re-sending an old snapshot) was
  // applied as the writer's own plain update and put the older value back (chaos: "applied twice").
  it("a replay of a writer's older push, arriving after their later one, changes nothing and is answered with the server's state", async () => {
    const v1 = await create(frontdesk, REPLICA);
    const first = { ...v1, title: 'First fix', updatedAt: new Date(Date.now() + 1000).toISOString() };
    expect((await push(frontdesk, v1, first, REPLICA)).body).toEqual([]);
    const v2 = await stored(v1.id);
    expect(
      (await push(frontdesk, v2, { ...v2, title: 'Second fix', updatedAt: new Date(Date.now() + 2000).toISOString() }, REPLICA)).body,
    ).toEqual([]);
    const v3 = await stored(v1.id);
    const seq = await server.storage.currentSeq();

    // The first request again, as it was sent (from v1): the own-writes rule would make it a plain update.
    const replay = await push(frontdesk, v1, first, REPLICA);
    expect(replay).toEqual({ status: 200, body: [expect.objectContaining({ id: v1.id, title: 'Second fix', rev: v3.rev })] });
    // The same row from the newer assumed state (a replica re-sending the old snapshot): the same.
    expect((await push(frontdesk, v2, first, REPLICA)).body).toEqual([expect.objectContaining({ title: 'Second fix', rev: v3.rev })]);
    expect(await server.storage.currentSeq()).toBe(seq);
    expect(await stored(v1.id)).toEqual(v3);
  });

  it("a replay after another writer's change in between changes nothing either: nobody's value superseded or put back", async () => {
    const v1 = await create(frontdesk, REPLICA);
    const mine = { ...v1, description: 'Mine 1', updatedAt: new Date(Date.now() + 1000).toISOString() };
    await push(frontdesk, v1, mine, REPLICA);
    await push(
      frontdesk,
      await stored(v1.id),
      { ...(await stored(v1.id)), description: 'Mine 2', updatedAt: new Date(Date.now() + 2000).toISOString() },
      REPLICA,
    );
    const manager = await signIn(base, 'manager', 'ws-writer-m');
    await push(manager, await stored(v1.id), { ...(await stored(v1.id)), priority: 'high' }, OTHER_REPLICA);
    const before = await stored(v1.id);
    expect((await push(frontdesk, v1, mine, REPLICA)).body).toEqual([expect.objectContaining({ description: 'Mine 2', priority: 'high' })]);
    expect(await stored(v1.id)).toEqual(before);
  });

  it("a replayed insert after the writer's edit of the task changes nothing; the same row from another replica still merges", async () => {
    const doc = newTaskDoc({ title: 'Filed once', priority: 'normal' });
    expect((await push(frontdesk, undefined, doc, REPLICA)).status).toBe(200);
    const v1 = await stored(doc.id);
    await push(frontdesk, v1, { ...v1, title: 'Filed once, renamed', updatedAt: new Date(Date.now() + 1000).toISOString() }, REPLICA);
    const v2 = await stored(doc.id);
    expect((await push(frontdesk, undefined, doc, REPLICA)).body).toEqual([expect.objectContaining({ title: 'Filed once, renamed' })]);
    expect(await stored(doc.id)).toEqual(v2);
    // Not a replay for another writer: their insert of the same id merges as before (the server's value stands).
    await push(frontdesk, undefined, doc, OTHER_REPLICA);
    expect((await stored(doc.id)).title).toBe('Filed once, renamed');
  });

  it('a retry of a push that was applied (its answer lost) writes nothing the second time', async () => {
    const v1 = await create(frontdesk, REPLICA);
    const next = { ...v1, priority: 'high' as const };
    expect((await push(frontdesk, v1, next, REPLICA)).body).toEqual([]);
    const seq = await server.storage.currentSeq();
    expect((await push(frontdesk, v1, next, REPLICA)).body).toEqual([]);
    expect(await server.storage.currentSeq()).toBe(seq);
  });

  it('answers a bad writer id with a 400 that names it, and changes nothing', async () => {
    const v1 = await create(frontdesk, REPLICA);
    const seq = await server.storage.currentSeq();
    for (const bad of ['short', 'x'.repeat(65), 'has space 123', 'semi;colon123', 'é-accented-id']) {
      const answer = await push(frontdesk, v1, { ...v1, priority: 'urgent' }, bad);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'bad_request', message: expect.stringContaining(WRITER_HEADER) });
      expect(JSON.stringify(answer.body.issues)).toContain('8 to 64 letters, digits, dashes or underscores');
    }
    expect(await server.storage.currentSeq()).toBe(seq);
    expect(await stored(v1.id)).toEqual(v1);
  });

  it("still runs the permission and workflow checks on a writer's own stale push", async () => {
    const v1 = await create(frontdesk, REPLICA);
    await push(frontdesk, v1, { ...v1, priority: 'high' }, REPLICA);
    const v2 = await stored(v1.id);
    // Filing it for a location the person does not work at: refused, whatever writer it comes from.
    const move = await push(frontdesk, v1, { ...v1, priority: 'high', locationId: 'loc-elsewhere' }, REPLICA);
    expect(move.status).toBe(403);
    expect(move.body).toMatchObject({ error: 'forbidden' });
    // A status the workflow does not reach from here: refused, the server's state answered.
    const jump = await push(frontdesk, v1, { ...v1, priority: 'high', status: 'closed' }, REPLICA);
    expect(jump.body).toEqual([expect.objectContaining({ status: v2.status, rev: v2.rev })]);
    expect(await stored(v1.id)).toEqual(v2);
  });
});
