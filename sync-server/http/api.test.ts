// The sync API against a real listening server, on a real SQLite file and on a real PostgreSQL
// database: the same suite for both storage adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatonServer } from '../app';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { PUSH_ROWS_MAX } from '../../shared/wire';
import { demoTasks } from '../seed/demo';

describe.each(['sqlite', 'postgres'] as const)('sync API on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let base: string;
  let api: Api;

  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    ({ server, base } = running);
    api = await signIn(base);
  });
  afterAll(async () => {
    await running?.close();
  });

  const pushTasks = (rows: unknown, token?: string | null) => api.post('/api/sync/tasks/push', rows, token);

  describe('health and sign-in', () => {
    it('answers health', async () => {
      expect(await api.get('/api/health', null)).toMatchObject({ status: 200, body: { ok: true } });
    });

    it('signs in a demo user and refuses a wrong password', async () => {
      const ok = await api.post('/api/auth/login', { username: 'clinician', password: 'baton-demo' }, null);
      expect(ok.status).toBe(200);
      expect(ok.body.user).toEqual({
        id: 'u-clinician',
        username: 'clinician',
        displayName: 'Dr. Alex Chen',
        roles: ['clinician'],
        role: 'clinician',
        locationIds: ['loc-main'],
      });
      expect(typeof ok.body.token).toBe('string');
      const bad = await api.post('/api/auth/login', { username: 'clinician', password: 'nope' }, null);
      expect(bad.status).toBe(401);
      expect(bad.body.error).toBe('invalid_credentials');
      expect((await api.post('/api/auth/login', { username: 'clinician' }, null)).status).toBe(400);
    });
  });

  describe('refusals', () => {
    it('needs a valid token', async () => {
      expect((await api.get('/api/sync/tasks/pull', null)).status).toBe(401);
      expect((await api.get('/api/sync/tasks/pull', 'forged.token.value')).status).toBe(401);
      expect((await pushTasks([], null)).status).toBe(401);
      expect((await api.get('/api/sync/stream', null)).status).toBe(401);
    });

    it('answers 404 for an unknown collection and 400 for a bad body or checkpoint', async () => {
      expect((await api.get('/api/sync/patients/pull')).status).toBe(404);
      const notArray = await pushTasks({ newDocumentState: {} });
      expect(notArray.status).toBe(400);
      expect(notArray.body.error).toBe('bad_request');
      expect((await pushTasks('{not json')).status).toBe(400);
      expect((await api.get('/api/sync/tasks/pull?checkpoint=banana')).status).toBe(400);
      expect((await api.get('/api/sync/tasks/pull?limit=0')).status).toBe(400);
    });
  });

  describe('pull', () => {
    it('pages through the seeded practice by checkpoint', async () => {
      // A manager reads every queue at their location.
      const manager = await signIn(base, 'manager');
      const { documents, pages } = await manager.pullAll('tasks', 7);
      // The demo practice without its history: today's 40 tasks, each once.
      expect(new Set(documents.map((d) => d.id)).size).toBe(40);
      expect(documents).toHaveLength(40);
      expect(pages).toBeGreaterThanOrEqual(6);
      for (const doc of documents) expect(doc._deleted).toBe(false);
    });

    it('loses nothing at page boundaries when many writes land in the same millisecond', async () => {
      const before = await api.pullAll('tasks', 500);
      const docs = Array.from({ length: 1000 }, (_, i) => newTaskDoc({ title: `Bulk ${i}`, updatedAt: '2026-11-23T10:00:00.000Z' }));
      for (let i = 0; i < docs.length; i += PUSH_ROWS_MAX) {
        const answer = await pushTasks(docs.slice(i, i + PUSH_ROWS_MAX).map((d) => ({ newDocumentState: d })));
        expect(answer).toEqual({ status: 200, body: [] });
      }
      const after = await api.pullAll('tasks', 37, before.checkpoint);
      expect(new Set(after.documents.map((d) => d.id))).toEqual(new Set(docs.map((d) => d.id)));
    });
  });

  describe('push', () => {
    it('applies valid rows of a batch and refuses the invalid one with a visible reason', async () => {
      const good = newTaskDoc({ title: 'Good row' });
      const bad = newTaskDoc({ title: '' });
      const {
        documents: [existing],
      } = await api.pullAll('tasks', 1);
      const update = { ...existing, priority: 'urgent' };
      const rejectionsBefore = (await api.pullAll('rejections')).checkpoint;

      const answer = await pushTasks([
        { newDocumentState: good },
        { newDocumentState: bad },
        { assumedMasterState: existing, newDocumentState: update },
      ]);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual([{ ...bad, _deleted: true }]);

      const pulled = await api.pullAll('tasks', 5000);
      const ids = new Map(pulled.documents.map((d) => [d.id, d]));
      expect(ids.get(good.id)?.title).toBe('Good row');
      expect(ids.has(bad.id)).toBe(false);
      expect(ids.get(existing.id)?.priority).toBe('urgent');

      const { documents: rejections } = await api.pullAll('rejections', 100, rejectionsBefore);
      expect(rejections).toHaveLength(1);
      expect(rejections[0]).toMatchObject({ docId: bad.id, code: 'invalid_document', userId: api.userId, dismissed: false });
      expect(rejections[0].message).toContain('title');
      expect(rejections[0].attempted.title).toBe('');
    });

    it('applies a retried push once', async () => {
      const doc = newTaskDoc({ title: 'Retried' });
      expect((await pushTasks([{ newDocumentState: doc }])).body).toEqual([]);
      const [stored] = (await api.pullAll('tasks', 5000)).documents.filter((d) => d.id === doc.id);
      const edit = { ...stored, status: 'in_progress', ownerId: api.userId, category: 'records', pendingSync: true };
      const auditBefore = (await server.storage.readAudit({ afterId: 0, limit: 1_000_000 })).length;
      expect((await pushTasks([{ assumedMasterState: stored, newDocumentState: edit }])).body).toEqual([]);
      // The answer was "lost": the workstation sends the same row again.
      expect((await pushTasks([{ assumedMasterState: stored, newDocumentState: edit }])).body).toEqual([]);
      const current = await server.storage.getDoc('tasks', doc.id);
      expect((current!.data as { history: unknown[] }).history).toHaveLength(2);
      expect((await server.storage.readAudit({ afterId: 0, limit: 1_000_000 })).length).toBe(auditBefore + 1);
    });

    it('merges a push made from a stale state and answers with the merged document', async () => {
      const doc = newTaskDoc({ title: 'Stale base' });
      await pushTasks([{ newDocumentState: doc }]);
      const [v1] = (await api.pullAll('tasks', 5000)).documents.filter((d) => d.id === doc.id);
      // Another writer (the same person's other session) changed it since.
      const other = await signIn(base, 'frontdesk', 'ws-stale-other');
      await pushTasks(
        [{ assumedMasterState: v1, newDocumentState: { ...v1, status: 'in_progress', ownerId: api.userId, category: 'records' } }],
        other.token,
      );
      const answer = await pushTasks([{ assumedMasterState: v1, newDocumentState: { ...v1, priority: 'high' } }]);
      expect(answer.body).toHaveLength(1);
      expect(answer.body[0]).toMatchObject({ id: doc.id, status: 'in_progress', priority: 'high', _deleted: false });
    });

    it('accepts a minimal document from an outside client', async () => {
      const answer = await pushTasks([{ newDocumentState: { id: 'outside-1', title: 'From an integration', status: 'new' } }]);
      expect(answer.body).toEqual([]);
      const stored = await server.storage.getDoc('tasks', 'outside-1');
      expect(stored?.data).toMatchObject({ title: 'From an integration', status: 'new', locationId: 'loc-main', rev: stored?.seq });
    });
  });

  describe('event stream', () => {
    it('tells a reader what changed, with the document, when data they can read changes', async () => {
      const controller = new AbortController();
      const response = await fetch(`${base}/api/sync/stream`, {
        headers: { authorization: `Bearer ${api.token}` },
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value);
      };
      await readUntil('event: hello');
      const doc = newTaskDoc({ title: 'Streamed' });
      await pushTasks([{ newDocumentState: doc }]);
      // A change of an earlier test may still be on its way (PostgreSQL's notifications are
      // asynchronous): the event to judge is the one carrying this task.
      await readUntil(doc.id);
      await readUntil('\n\n');
      const frames = [...text.matchAll(/event: change\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]));
      const event = frames.find((e) => e.documents?.some((d: { id: string }) => d.id === doc.id));
      expect(event).toMatchObject({ collections: ['tasks'], seq: expect.any(Number) });
      expect(event.documents).toEqual([expect.objectContaining({ id: doc.id, title: 'Streamed', rev: event.seq, _deleted: false })]);
      controller.abort();
    });

    it('proves an event follows the last: its checkpoint is what a pull from the previous one returns', async () => {
      const controller = new AbortController();
      const response = await fetch(`${base}/api/sync/stream`, {
        headers: { authorization: `Bearer ${api.token}` },
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      let text = '';
      const nextChange = async () => {
        let end: number;
        for (;;) {
          const start = text.indexOf('event: change');
          end = start < 0 ? -1 : text.indexOf('\n\n', start);
          if (end >= 0) break;
          text += new TextDecoder().decode((await reader.read()).value);
        }
        const frame = text.slice(text.indexOf('event: change'), end);
        text = text.slice(end + 2);
        return JSON.parse(frame.slice(frame.indexOf('data: ') + 6));
      };
      while (!text.includes('event: hello')) text += new TextDecoder().decode((await reader.read()).value);
      text = '';

      // Written from another workstation: events for the reader's own pushes are never proven.
      const writer = await signIn(base, 'frontdesk', 'ws-chain-writer');
      const first = newTaskDoc({ title: 'Chain 1' });
      await pushTasks([{ newDocumentState: first }], writer.token);
      const event1 = await nextChange();
      // The first event this stream carries of a collection proves nothing: the reader pulls.
      expect(event1.after).toBeUndefined();
      const { checkpoint } = await api.pullAll('tasks', 5000);

      const second = newTaskDoc({ title: 'Chain 2' });
      await pushTasks([{ newDocumentState: second }], writer.token);
      const event2 = await nextChange();
      expect(event2.after).toBe(checkpoint);
      const pulled = await api.get(`/api/sync/tasks/pull?limit=100&checkpoint=${encodeURIComponent(checkpoint)}`);
      expect(pulled.body.documents.map((d: { id: string }) => d.id)).toEqual([second.id]);
      expect(event2.documents.map((d: { id: string }) => d.id)).toEqual([second.id]);
      expect(event2.checkpoint).toBe(pulled.body.checkpoint);

      // The reader's own change comes back unproven: its workstation pulls for the server's stamp.
      await pushTasks([{ newDocumentState: newTaskDoc({ title: 'Chain 3, my own' }) }]);
      const event3 = await nextChange();
      expect(event3.documents[0].title).toBe('Chain 3, my own');
      expect(event3.after).toBeUndefined();
      controller.abort();
    });
  });

  describe('practice configuration', () => {
    it('replicates the configuration to every user and lets only an admin change it', async () => {
      const { documents } = await api.pullAll('config', 500);
      const reschedule = documents.find((d) => d.id === 'task_type:appointment_reschedule');
      expect(reschedule.body).toMatchObject({ label: 'Appointment reschedule', defaultQueue: 'front_desk' });
      // The seven demo people and the provider who is out of office on first start.
      expect(documents.filter((d) => d.kind === 'staff')).toHaveLength(8);

      const edit = { ...reschedule, body: { ...reschedule.body, defaultDueHours: 2 } };
      // A direct call is told 403; the rows' answer comes with it.
      expect(await api.post('/api/sync/config/push', [{ assumedMasterState: reschedule, newDocumentState: edit }])).toEqual({
        status: 403,
        body: { error: 'forbidden', message: expect.any(String), documents: [reschedule] },
      });
      const admin = await signIn(base, 'admin');
      expect((await admin.post('/api/sync/config/push', [{ assumedMasterState: reschedule, newDocumentState: edit }])).body).toEqual([]);
      const after = (await api.pullAll('config', 500)).documents.find((d) => d.id === reschedule.id);
      expect(after.body.defaultDueHours).toBe(2);
    });

    it('refuses a configuration entry that does not fit its kind', async () => {
      const admin = await signIn(base, 'admin');
      const bad = {
        id: 'reason_code:x',
        kind: 'reason_code',
        locationId: '',
        body: { kind: 'nonsense', label: '' },
        updatedAt: new Date().toISOString(),
        pendingSync: true,
        rev: 0,
        updatedBy: '',
        _deleted: false,
      };
      const answer = await admin.post('/api/sync/config/push', [{ newDocumentState: bad }]);
      expect(answer.body).toEqual([{ ...bad, _deleted: true }]);
      expect(await server.storage.getDoc('config', 'reason_code:x')).toBeUndefined();
    });
  });

  describe('workflow rules on the server', () => {
    // A task of the demo's own (tests file theirs under other titles).
    const demoTitles = new Set(demoTasks().map((t) => t.title));
    const seeded = async (status: string) =>
      (await api.pullAll('tasks', 5000)).documents.find((d) => d.status === status && demoTitles.has(d.title));
    const latestRejection = async (who: Api, since: string) => (await who.pullAll('rejections', 100, since)).documents.at(-1);

    it('refuses a forbidden transition, changes nothing, and tells the author why', async () => {
      const task = await seeded('new');
      const since = (await api.pullAll('rejections')).checkpoint;
      const answer = await pushTasks([{ assumedMasterState: task, newDocumentState: { ...task, status: 'done' } }]);
      expect(answer.body).toEqual([task]);
      expect((await server.storage.getDoc('tasks', task.id))?.data).toEqual(
        Object.fromEntries(Object.entries(task).filter(([k]) => k !== '_deleted')),
      );
      expect(await latestRejection(api, since)).toMatchObject({
        docId: task.id,
        code: 'forbidden_transition',
        message: expect.stringContaining('cannot move from new to done'),
      });
    });

    it('refuses a new task missing a field its type requires, naming the field', async () => {
      const since = (await api.pullAll('rejections')).checkpoint;
      const doc = newTaskDoc({ typeId: 'records_request', queue: 'front_desk', patientRef: '' });
      expect((await pushTasks([{ newDocumentState: doc }])).body).toEqual([{ ...doc, _deleted: true }]);
      expect(await server.storage.getDoc('tasks', doc.id)).toBeUndefined();
      expect(await latestRejection(api, since)).toMatchObject({
        code: 'missing_field',
        message: expect.stringContaining('Patient reference'),
      });
    });

    it('refuses a rejection without a reason code and a sign-off by a role that may not give it', async () => {
      const clinician = await signIn(base, 'clinician');
      const task = (await clinician.pullAll('tasks', 5000)).documents.find(
        (d) => d.status === 'needs_review' && d.typeId === 'clinical_review_sign_off',
      );
      const since = (await clinician.pullAll('rejections')).checkpoint;
      expect(
        (await clinician.post('/api/sync/tasks/push', [{ assumedMasterState: task, newDocumentState: { ...task, status: 'rejected' } }]))
          .body,
      ).toEqual([task]);
      expect(await latestRejection(clinician, since)).toMatchObject({ code: 'missing_field', message: 'A reason code is required' });

      // The front desk does not even read the clinician's queue: 403, and nothing of the task comes back.
      const denied = await pushTasks([{ assumedMasterState: task, newDocumentState: { ...task, status: 'approved' } }]);
      expect(denied.status).toBe(403);
      expect(denied.body.documents).toEqual([{ ...task, status: 'approved', _deleted: true }]);

      const rejected = { ...task, status: 'rejected', reasonCode: 'not_medically_necessary' };
      expect((await clinician.post('/api/sync/tasks/push', [{ assumedMasterState: task, newDocumentState: rejected }])).body).toEqual([]);
      const stored = (await server.storage.getDoc('tasks', task.id))!.data as {
        status: string;
        reworkCount: number;
        history: { action?: string }[];
      };
      expect(stored.status).toBe('rejected');
      expect(stored.reworkCount).toBe(1);
      expect(stored.history.at(-1)?.action).toBe('reject');
    });
  });
});
