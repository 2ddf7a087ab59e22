// A task's documents against a real listening server: uploaded by whoever may edit the task,
// listed on it (through the pull, with a history entry), viewed and downloaded by whoever reads it
// (each audited, by ids only), refused with 404 to anyone else, limited by type, size and count
// (a refused upload changes nothing), and stored so the database alone reveals no document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../shared/attachments/attachment';
import type { Task } from '../../shared/task';
import { newTaskDoc, signIn, type Api, type Reply } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

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
    form.append(part.field ?? 'file', new Blob([part.bytes], { type: part.type ?? 'application/octet-stream' }), part.name);
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
});
