// A task's documents against a real listening server: uploaded by whoever may edit the task,
// listed on it (through the pull, with a history entry), viewed and downloaded by whoever reads it
// (each audited, by ids only), views made offline recorded once each when the workstation is back,
// refused with 404 to anyone else, limited by type, size and count
// (a refused upload changes nothing), and stored so the database alone reveals no document.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../shared/attachments/attachment';
import type { Task } from '../../shared/task';
import { addLocation, patchUser } from '../../tests/support/admin-access';
import { newTaskDoc, request, signIn, type Api, type Reply } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { sqliteFileIn } from '../storage/open';
import { queryPostgres } from '../storage/test-postgres';

/** A small valid-looking PDF whose text is easy to look for in raw storage. */
const pdf = (marker: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Marker (${marker}) >> endobj\ntrailer << >>\n%%EOF\n`, 'latin1');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

interface Part {
  field?: string;
  name: string;
  type?: string;
  bytes: Buffer;
}

/** POST multipart/form-data as a browser's FormData would. */
async function upload(base: string, taskId: string, parts: Part[], token: string | null): Promise<Reply> {
  const form = new FormData();
  for (const part of parts)
    form.append(part.field ?? 'file', new Blob([new Uint8Array(part.bytes)], { type: part.type ?? 'application/octet-stream' }), part.name);
  const response = await fetch(`${base}/api/tasks/${encodeURIComponent(taskId)}/attachments`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

async function download(base: string, taskId: string, attachmentId: string, purpose: string, token: string | null) {
  const response = await fetch(
    `${base}/api/tasks/${encodeURIComponent(taskId)}/attachments/${encodeURIComponent(attachmentId)}?purpose=${purpose}`,
    {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    },
  );
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('task attachments', () => {
  let running: InProcessServer;
  let frontdesk: Api;
  const audit = async () => running.server.storage.readAudit({ afterId: 0, limit: 100_000 });
  const storedTask = async (id: string) => (await running.server.storage.getDoc('tasks', id))?.data as Task;
  /** A new front-desk task at the main location, filed by the front desk. */
  const newTask = async () => {
    const doc = newTaskDoc({ queue: 'front_desk', typeId: 'general', locationId: 'loc-main', ownerId: '' });
    const pushed = await frontdesk.post('/api/sync/tasks/push', [{ newDocumentState: doc }]);
    expect(pushed.status).toBe(200);
    return doc.id;
  };

  beforeAll(async () => {
    running = await startInProcess(
      'sqlite',
      {},
      { BATON_SLA_AUTOMATION: '0', BATON_ATTACHMENT_MAX_BYTES: '4096', BATON_ATTACHMENT_MAX_PER_TASK: '3' },
    );
    frontdesk = await signIn(running.base, 'frontdesk', 'ws-attach-frontdesk');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('uploads documents to a task, lists them on it through the pull with a history entry, and audits each without its name', async () => {
    const taskId = await newTask();
    const before = await storedTask(taskId);
    const added = await upload(
      running.base,
      taskId,
      [
        { name: 'Referral Jane Roe.pdf', type: 'application/pdf', bytes: pdf('referral-letter') },
        { name: 'insurance-card.png', type: 'image/png', bytes: png },
      ],
      frontdesk.token,
    );
    expect(added.status).toBe(201);
    const refs = added.body.attachments as AttachmentRef[];
    expect(refs).toEqual([
      {
        id: expect.any(String),
        name: 'Referral Jane Roe.pdf',
        contentType: 'application/pdf',
        size: pdf('referral-letter').length,
        addedAt: expect.any(String),
        addedBy: frontdesk.userId,
      },
      {
        id: expect.any(String),
        name: 'insurance-card.png',
        contentType: 'image/png',
        size: png.length,
        addedAt: expect.any(String),
        addedBy: frontdesk.userId,
      },
    ]);

    const pulled = (await frontdesk.pullAll('tasks', 500)).documents.find((d) => d.id === taskId) as Task;
    expect(pulled.attachments).toEqual(refs);
    expect(pulled.rev).toBeGreaterThan(before.rev);
    expect(pulled.history.at(-1)).toMatchObject({ actorId: frontdesk.userId, changes: [{ field: 'attachments', from: [], to: refs }] });

    const entries = await audit();
    const addedEntries = entries.filter((e) => e.action === 'attachment_added' && e.docId === taskId);
    expect(addedEntries.map((e) => e.after)).toEqual(
      refs.map((r) => ({ attachmentId: r.id, contentType: r.contentType, size: r.size, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })),
    );
  });

  it('serves a document to whoever reads the task, inline to view or as a download, each audited by ids only', async () => {
    const taskId = await newTask();
    const bytes = pdf('lab-result-view');
    const name = 'Lab "result" – Roe.pdf';
    const [ref] = (await upload(running.base, taskId, [{ name, bytes }], frontdesk.token)).body.attachments as AttachmentRef[];
    expect(ref.contentType).toBe('application/pdf');
    const manager = await signIn(running.base, 'manager', 'ws-attach-manager');

    const viewed = await download(running.base, taskId, ref.id, 'view', manager.token);
    expect(viewed.status).toBe(200);
    expect(viewed.bytes.equals(bytes)).toBe(true);
    expect(viewed.headers.get('content-type')).toBe('application/pdf');
    expect(viewed.headers.get('content-disposition')).toBe(
      `inline; filename="Lab _result_ _ Roe.pdf"; filename*=UTF-8''Lab%20%22result%22%20%E2%80%93%20Roe.pdf`,
    );
    expect(viewed.headers.get('cache-control')).toBe('no-store');
    expect(viewed.headers.get('x-content-type-options')).toBe('nosniff');

    const saved = await download(running.base, taskId, ref.id, 'download', frontdesk.token);
    expect(saved.status).toBe(200);
    expect(saved.bytes.equals(bytes)).toBe(true);
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; filename="Lab _result_ _ Roe.pdf"/);

    const reads = (await audit()).filter((e) => e.docId === taskId && e.action.startsWith('attachment_'));
    expect(reads.map((e) => [e.action, e.actorId, e.after])).toEqual([
      ['attachment_added', frontdesk.userId, expect.objectContaining({ attachmentId: ref.id })],
      ['attachment_viewed', manager.userId, { attachmentId: ref.id }],
      ['attachment_downloaded', frontdesk.userId, { attachmentId: ref.id }],
    ]);
    expect(JSON.stringify(reads)).not.toContain('Roe');
    expect((await download(running.base, taskId, ref.id, 'print', frontdesk.token)).status).toBe(400);
  });
  it('records views made offline from a kept copy once each, by ids and times, even when sent again', async () => {
    const taskId = await newTask();
    const [ref] = (await upload(running.base, taskId, [{ name: 'Roe discharge.pdf', bytes: pdf('offline') }], frontdesk.token)).body
      .attachments as AttachmentRef[];
    const path = `/api/tasks/${taskId}/attachments/${ref.id}/offline-views`;
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const views = [
      { viewId: 'view-aaaa-0001', viewedAt: minutesAgo(42) },
      // Clocks drift: a little ahead is taken as said, far ahead or long past is flagged, not dropped.
      { viewId: 'view-aaaa-0002', viewedAt: minutesAgo(-2) },
      { viewId: 'view-aaaa-0003', viewedAt: minutesAgo(-90) },
      { viewId: 'view-aaaa-0004', viewedAt: minutesAgo(31 * 24 * 60) },
    ];
    const sentAt = new Date().toISOString();
    const first = await frontdesk.post(path, { views });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ recorded: 4, alreadyRecorded: 0 });
    // A retried upload (its answer lost) and a new view beside the old ones.
    const again = await frontdesk.post(path, { views: [...views, { viewId: 'view-aaaa-0005', viewedAt: minutesAgo(1) }] });
    expect(again.body).toEqual({ recorded: 1, alreadyRecorded: 4 });

    const entries = (await audit()).filter((e) => e.action === 'attachment_viewed_offline' && e.docId === taskId);
    expect(entries.map((e) => [e.actorId, e.collection, e.after])).toEqual([
      [frontdesk.userId, 'tasks', { attachmentId: ref.id, viewId: 'view-aaaa-0001', viewedAt: views[0].viewedAt }],
      [frontdesk.userId, 'tasks', { attachmentId: ref.id, viewId: 'view-aaaa-0002', viewedAt: views[1].viewedAt }],
      [
        frontdesk.userId,
        'tasks',
        { attachmentId: ref.id, viewId: 'view-aaaa-0003', viewedAt: views[2].viewedAt, viewedAtDoubt: 'ahead_of_server_clock' },
      ],
      [
        frontdesk.userId,
        'tasks',
        { attachmentId: ref.id, viewId: 'view-aaaa-0004', viewedAt: views[3].viewedAt, viewedAtDoubt: 'older_than_30_days' },
      ],
      [frontdesk.userId, 'tasks', { attachmentId: ref.id, viewId: 'view-aaaa-0005', viewedAt: expect.any(String) }],
    ]);
    // The entry's own time is the server's, when it was told.
    for (const entry of entries) expect(entry.at >= sentAt).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('Roe');
  });

  it('refuses offline views it cannot take with 400 and says why, recording none of them', async () => {
    const taskId = await newTask();
    const [ref] = (await upload(running.base, taskId, [{ name: 'scan.pdf', bytes: pdf('bad-views') }], frontdesk.token)).body
      .attachments as AttachmentRef[];
    const path = `/api/tasks/${taskId}/attachments/${ref.id}/offline-views`;
    const at = new Date().toISOString();
    const bad: unknown[] = [
      {},
      { views: [] },
      { views: [{ viewId: 'view-bbbb-0001', viewedAt: 'yesterday' }] },
      { views: [{ viewId: 'short', viewedAt: at }] },
      { views: [{ viewId: 'view-bbbb-0002', viewedAt: at, name: 'scan.pdf' }] },
      { views: Array.from({ length: 101 }, (_, i) => ({ viewId: `view-bbbb-${1000 + i}`, viewedAt: at })) },
      [{ viewId: 'view-bbbb-0003', viewedAt: at }],
    ];
    for (const body of bad) {
      const answer = await frontdesk.post(path, body);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(/^Invalid offline views/);
    }
    expect((await audit()).filter((e) => e.action === 'attachment_viewed_offline' && e.docId === taskId)).toEqual([]);
    expect(
      (
        await frontdesk.post(`/api/tasks/${taskId}/attachments/no-such-document/offline-views`, {
          views: [{ viewId: 'view-bbbb-0004', viewedAt: at }],
        })
      ).status,
    ).toBe(404);
  });

  /** Rows of the attachments table, read from the database file behind the server's back. */
  const rawRows = (where = '1 = 1') => {
    const db = new Database(sqliteFileIn(running.dataDir), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(`SELECT * FROM attachments WHERE ${where}`).all() as { id: string; task_id: string; sealed: Buffer }[];
    } finally {
      db.close();
    }
  };

  it('keeps documents sealed: neither the row nor the database files hold a byte of the plaintext', async () => {
    const taskId = await newTask();
    const marker = 'PLAINTEXT-MARKER-7f3a9c';
    const [ref] = (await upload(running.base, taskId, [{ name: 'scan.pdf', bytes: pdf(marker) }], frontdesk.token)).body
      .attachments as AttachmentRef[];
    const [row] = rawRows(`id = '${ref.id}'`);
    expect(row.task_id).toBe(taskId);
    expect(row.sealed.includes(Buffer.from(marker))).toBe(false);
    expect(row.sealed.includes(Buffer.from('%PDF-'))).toBe(false);
    for (const file of [sqliteFileIn(running.dataDir), `${sqliteFileIn(running.dataDir)}-wal`].filter((f) => fs.existsSync(f)))
      expect(fs.readFileSync(file).includes(Buffer.from(marker))).toBe(false);
    // The server still opens it.
    expect((await download(running.base, taskId, ref.id, 'view', frontdesk.token)).bytes.includes(Buffer.from(marker))).toBe(true);
  });

  it('refuses what a task may not hold (type from the bytes, size, count) and changes nothing when it does', async () => {
    const taskId = await newTask();
    const before = await storedTask(taskId);
    const rowsBefore = rawRows().length;
    const unchanged = async () => {
      expect(await storedTask(taskId)).toEqual(before);
      expect(rawRows()).toHaveLength(rowsBefore);
    };

    // A script that calls itself a PDF, even next to a real one.
    const fake = await upload(
      running.base,
      taskId,
      [
        { name: 'real.pdf', bytes: pdf('fine') },
        { name: 'invoice.pdf', type: 'application/pdf', bytes: Buffer.from('<script>alert(1)</script>') },
      ],
      frontdesk.token,
    );
    expect(fake.status).toBe(415);
    expect(fake.body.message).toBe('"invoice.pdf" is not a PDF or an image (PNG, JPEG, GIF, WebP, TIFF)');
    await unchanged();

    const large = await upload(
      running.base,
      taskId,
      [{ name: 'big.pdf', bytes: Buffer.concat([pdf('big'), Buffer.alloc(5000)]) }],
      frontdesk.token,
    );
    expect(large.status).toBe(413);
    expect(large.body.message).toBe('A document may be at most 4 KB');
    await unchanged();

    const four = Array.from({ length: 4 }, (_, i) => ({ name: `page-${i}.png`, bytes: png }));
    const tooMany = await upload(running.base, taskId, four, frontdesk.token);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toBe('A task holds at most 3 documents');
    await unchanged();

    expect((await upload(running.base, taskId, four.slice(0, 2), frontdesk.token)).status).toBe(201);
    const third = await upload(running.base, taskId, four.slice(0, 2), frontdesk.token);
    expect(third.status).toBe(413);
    expect(third.body.message).toBe('A task holds at most 3 documents; this one has 2 and 2 were sent');
    expect((await storedTask(taskId)).attachments).toHaveLength(2);
  });

  it('takes only well-formed multipart with parts named "file" on the upload, and multipart nowhere else', async () => {
    const taskId = await newTask();
    const path = `/api/tasks/${taskId}/attachments`;
    expect((await request(running.base, 'POST', path, { file: 'not multipart' }, frontdesk.token)).status).toBe(415);
    const boundary = 'xYzBoundary';
    const cut = await request(
      running.base,
      'POST',
      path,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then the body stops`,
      frontdesk.token,
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(cut.status).toBe(400);
    expect(cut.body).toEqual({ error: 'bad_request', message: 'The multipart body is not well-formed' });
    const otherPart = await upload(running.base, taskId, [{ field: 'document', name: 'a.pdf', bytes: pdf('other') }], frontdesk.token);
    expect(otherPart.status).toBe(400);
    expect((await upload(running.base, taskId, [], frontdesk.token)).status).toBe(400);

    // Another route refuses a multipart body as it always did, before reading it.
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify([{ newDocumentState: newTaskDoc() }])]), 'rows.json');
    const push = await fetch(`${running.base}/api/sync/tasks/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${frontdesk.token}` },
      body: form,
    });
    expect(push.status).toBe(415);
    expect((await storedTask(taskId)).attachments).toEqual([]);
  });

  it('keeps the list server-owned: a document a workstation pushes onto a task is ignored', async () => {
    const taskId = await newTask();
    const task = await storedTask(taskId);
    const forged: AttachmentRef = {
      id: 'forged',
      name: 'x.pdf',
      contentType: 'application/pdf',
      size: 1,
      addedAt: task.createdAt,
      addedBy: frontdesk.userId,
    };
    const pushed = await frontdesk.post('/api/sync/tasks/push', [
      {
        assumedMasterState: { ...task, _deleted: false },
        newDocumentState: { ...task, title: 'Renamed', attachments: [forged], _deleted: false },
      },
    ]);
    expect(pushed.status).toBe(200);
    expect(await storedTask(taskId)).toMatchObject({ title: 'Renamed', attachments: [] });
  });

  describe('who may not read the task gets 404 for it, as for one that does not exist', () => {
    let taskId: string;
    let ref: AttachmentRef;
    beforeAll(async () => {
      taskId = await newTask();
      [ref] = (await upload(running.base, taskId, [{ name: 'chart.pdf', bytes: pdf('private') }], frontdesk.token)).body.attachments;
      const admin = await signIn(running.base, 'admin', 'ws-attach-admin');
      await addLocation(admin, 'loc-north');
      // The referrals user becomes front desk at another location: the same queue, another site.
      expect((await patchUser(running.base, admin, 'u-referrals', { roles: ['front_desk'], locationIds: ['loc-north'] })).status).toBe(200);
    });

    it.each([
      ['front desk at another location', 'referrals'],
      ['a clinician, whose queues do not hold the task', 'clinician'],
      ['the administrator, who reads no task', 'admin'],
    ])('%s', async (_who, username) => {
      const outsider = await signIn(running.base, username, `ws-attach-${username}`);
      const missing = await download(running.base, taskId, 'no-such-document', 'view', outsider.token);
      const read = await download(running.base, taskId, ref.id, 'view', outsider.token);
      expect(read.status).toBe(404);
      expect(read.bytes.equals(missing.bytes)).toBe(true);
      const added = await upload(running.base, taskId, [{ name: 'x.pdf', bytes: pdf('outsider') }], outsider.token);
      expect(added.status).toBe(404);
      expect(added.body).toEqual({ error: 'not_found', message: `No task ${taskId}` });
      expect((await storedTask(taskId)).attachments).toEqual([ref]);
      const offline = await outsider.post(`/api/tasks/${taskId}/attachments/${ref.id}/offline-views`, {
        views: [{ viewId: `view-${username}-0001`, viewedAt: new Date().toISOString() }],
      });
      expect(offline.status).toBe(404);
      expect(offline.body).toEqual({ error: 'not_found', message: `No task ${taskId}` });
      // Asked again, the same: asking leaves no trace that would let a later request through.
      expect((await outsider.post(`/api/tasks/${taskId}/attachments/${ref.id}/offline-views`, { views: [] })).status).toBe(400);
      const again = await outsider.post(`/api/tasks/${taskId}/attachments/${ref.id}/offline-views`, {
        views: [{ viewId: `view-${username}-0002`, viewedAt: new Date().toISOString() }],
      });
      expect(again.status).toBe(404);
      const entries = await audit();
      expect(entries.filter((e) => e.actorId === outsider.userId && e.action.startsWith('attachment_'))).toEqual([]);
    });

    it('whoever was served the document and has lost the task since: their offline views are still recorded, flagged', async () => {
      const admin = await signIn(running.base, 'admin', 'ws-attach-admin-2');
      const manager = await signIn(running.base, 'manager', 'ws-attach-manager-2');
      expect((await download(running.base, taskId, ref.id, 'view', manager.token)).status).toBe(200);
      // The manager is made front desk at another location: the task is out of their reach now.
      expect((await patchUser(running.base, admin, 'u-manager', { roles: ['front_desk'], locationIds: ['loc-north'] })).status).toBe(200);
      expect((await download(running.base, taskId, ref.id, 'view', manager.token)).status).toBe(404);
      const viewedAt = new Date(Date.now() - 3600_000).toISOString();
      const offline = await manager.post(`/api/tasks/${taskId}/attachments/${ref.id}/offline-views`, {
        views: [{ viewId: 'view-manager-0001', viewedAt }],
      });
      expect(offline.status).toBe(200);
      expect(offline.body).toEqual({ recorded: 1, alreadyRecorded: 0 });
      const entries = (await audit()).filter((e) => e.actorId === manager.userId && e.action === 'attachment_viewed_offline');
      expect(entries.map((e) => [e.docId, e.after])).toEqual([
        [taskId, { attachmentId: ref.id, viewId: 'view-manager-0001', viewedAt, readableNow: false }],
      ]);
      // Served a document of one task, not of another that lists the same id.
      const otherTask = await newTask();
      expect(
        (
          await manager.post(`/api/tasks/${otherTask}/attachments/${ref.id}/offline-views`, {
            views: [{ viewId: 'view-manager-0002', viewedAt }],
          })
        ).status,
      ).toBe(404);
    });

    it('without a session', async () => {
      expect((await download(running.base, taskId, ref.id, 'download', null)).status).toBe(401);
      expect((await upload(running.base, taskId, [{ name: 'x.pdf', bytes: pdf('anonymous') }], null)).status).toBe(401);
      const views = { views: [{ viewId: 'view-anon-0001', viewedAt: new Date().toISOString() }] };
      expect((await request(running.base, 'POST', `/api/tasks/${taskId}/attachments/${ref.id}/offline-views`, views, null)).status).toBe(
        401,
      );
    });
  });
});

describe('task attachments on PostgreSQL', () => {
  let running: InProcessServer;
  beforeAll(async () => {
    running = await startInProcess('postgres', {}, { BATON_SLA_AUTOMATION: '0' });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('stores a document sealed (bytea), lists it on the task, serves it back byte for byte and records an offline view once', async () => {
    const frontdesk = await signIn(running.base, 'frontdesk', 'ws-attach-pg');
    const doc = newTaskDoc({ queue: 'front_desk', typeId: 'general', locationId: 'loc-main', ownerId: '' });
    expect((await frontdesk.post('/api/sync/tasks/push', [{ newDocumentState: doc }])).status).toBe(200);
    const marker = 'PG-PLAINTEXT-MARKER-41c2';
    const added = await upload(running.base, doc.id, [{ name: 'scan.pdf', bytes: pdf(marker) }], frontdesk.token);
    expect(added.status).toBe(201);
    const [ref] = added.body.attachments as AttachmentRef[];
    expect(((await running.server.storage.getDoc('tasks', doc.id))?.data as Task).attachments).toEqual([ref]);
    const [row] = await queryPostgres(running.pgUrl!, `SELECT task_id, sealed FROM attachments WHERE id = '${ref.id}'`);
    expect(row.task_id).toBe(doc.id);
    expect((row.sealed as Buffer).includes(Buffer.from(marker))).toBe(false);
    const served = await download(running.base, doc.id, ref.id, 'download', frontdesk.token);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(pdf(marker))).toBe(true);
    // A view made offline, sent twice: one entry.
    const views = { views: [{ viewId: 'view-pg-000001', viewedAt: new Date().toISOString() }] };
    const path = `/api/tasks/${doc.id}/attachments/${ref.id}/offline-views`;
    expect((await frontdesk.post(path, views)).body).toEqual({ recorded: 1, alreadyRecorded: 0 });
    expect((await frontdesk.post(path, views)).body).toEqual({ recorded: 0, alreadyRecorded: 1 });
    const entries = await running.server.storage.readAudit({ afterId: 0, limit: 100_000 });
    expect(entries.filter((e) => e.action === 'attachment_viewed_offline').map((e) => e.after)).toEqual([
      { attachmentId: ref.id, ...views.views[0] },
    ]);
  });
});
