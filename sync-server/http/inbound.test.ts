// Inbound fax and e-mail against a real listening server, on SQLite and PostgreSQL: an admin
// registers, lists, rotates and revokes sources (audited, the secret shown once); a delivery is
// filed only when its body is signed with the source's current secret, from JSON (Postmark,
// generic) and multipart (SendGrid, Mailgun, fax services) payloads alike, into the source's
// location and task type, once per message, with its documents.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { request, signIn, type Api, type Reply } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

const EMAIL = { name: 'Front desk inbox (Postmark)', kind: 'email', locationId: 'loc-main', typeId: 'missing_paperwork' };
const FAX = { name: 'Main fax line', kind: 'fax', locationId: 'loc-main', typeId: 'portal_message' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
/** The test server's largest document (BATON_ATTACHMENT_MAX_BYTES). */
const ATTACHMENT_MAX = 64 * 1024;

const postmark = (messageId: string, extra: Record<string, unknown> = {}) => ({
  From: 'jane.doe@example.com',
  To: 'inbox@practice.example',
  Subject: 'Intake form for MRN 100234',
  TextBody: 'Please find my completed intake form attached.',
  MessageID: messageId,
  Headers: [{ Name: 'X-Spam-Score', Value: '0' }],
  Attachments: [],
  ...extra,
});

/** A form's text fields, as a service posts them. */
function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const signature = (secret: string, body: Buffer | string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe.each(['sqlite', 'postgres'] as const)('inbound fax and e-mail on %s', (kind) => {
  let running: InProcessServer;
  let admin: Api;

  const register = async (body: object = EMAIL) => {
    const created = await admin.post('/api/admin/inbound-sources', body);
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };
  const signed = (body: Buffer | string, sign: string | { header?: string }): Record<string, string> =>
    typeof sign === 'string' ? { 'x-baton-signature': signature(sign, body) } : sign.header ? { 'x-baton-signature': sign.header } : {};
  /** Posts a body as a service would: its content type, signed with `sign` (a secret, or a given header or none). */
  const deliver = (sourceId: string, body: string, contentType: string, sign: string | { header?: string }): Promise<Reply> =>
    request(running.base, 'POST', `/api/intake/inbound/${sourceId}`, body, null, { 'content-type': contentType, ...signed(body, sign) });
  const rawPost = async (sourceId: string, body: Buffer, contentType: string, secret: string): Promise<Reply> => {
    const response = await fetch(`${running.base}/api/intake/inbound/${sourceId}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signed(body, secret) },
      body: new Uint8Array(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, text };
  };
  const json = (sourceId: string, payload: unknown, sign: string | { header?: string }) =>
    deliver(sourceId, JSON.stringify(payload), 'application/json', sign);
  const multipart = async (sourceId: string, form: FormData, secret: string) => {
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    return rawPost(sourceId, Buffer.from(await encoded.arrayBuffer()), encoded.headers.get('content-type') ?? '', secret);
  };
  const task = async (id: string) => (await running.server.storage.getDoc('tasks', id))?.data as Task;
  const filedBy = async (sourceId: string) =>
    (await running.server.storage.docsChangedAfter('tasks', 0)).filter((d) => (d.data as Task).createdBy === `source:${sourceId}`);
  const audit = async () => running.server.storage.readAudit({ afterId: 0, limit: 100_000 });

  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0', BATON_ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX) });
    admin = await signIn(running.base, 'admin', 'ws-inbound-admin');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('only an admin registers and lists sources, at their own locations; the secret is shown once and not stored', async () => {
    const manager = await signIn(running.base, 'manager', 'ws-inbound-manager');
    expect((await manager.post('/api/admin/inbound-sources', EMAIL)).status).toBe(403);
    expect((await manager.get('/api/admin/inbound-sources')).status).toBe(403);
    expect((await admin.post('/api/admin/inbound-sources', { ...EMAIL, locationId: 'loc-other' })).status).toBe(403);
    expect((await admin.post('/api/admin/inbound-sources', { ...EMAIL, kind: 'sms' })).status).toBe(400);
    expect((await admin.post('/api/admin/inbound-sources', { ...EMAIL, typeId: 'no_such_type' })).status).toBe(400);

    const { id, secret } = await register();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listed = await admin.get('/api/admin/inbound-sources');
    const row = listed.body.find((s: { id: string }) => s.id === id);
    expect(row).toMatchObject({ ...EMAIL, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(await running.server.storage.getInboundSource(id))).not.toContain(secret);
    expect((await audit()).map((e) => [e.action, e.actorId, e.docId])).toContainEqual(['inbound_source_created', 'u-admin', id]);
  });

  it('files a Postmark e-mail as a triage task at the source’s location and type, named after the source', async () => {
    const { id, secret } = await register();
    const filed = await json(id, postmark('<a1@mail.example>'), secret);
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ taskId: expect.any(String), status: 'received', duplicate: false });
    const t = await task(filed.body.taskId);
    expect(t).toMatchObject({
      status: 'new',
      channel: 'email',
      locationId: 'loc-main',
      typeId: 'missing_paperwork',
      queue: 'front_desk',
      title: 'Intake form for MRN 100234',
      createdBy: `source:${id}`,
    });
    expect(t.description).toContain('From: jane.doe@example.com');
    expect(t.description).toContain('Please find my completed intake form attached.');
    expect(t.history[0]).toMatchObject({ kind: 'created', actorName: `E-mail inbox “${EMAIL.name}”` });
    expect((await audit()).filter((e) => e.docId === filed.body.taskId).map((e) => [e.action, e.actorId])).toEqual([
      ['create', `source:${id}`],
    ]);
    expect((await admin.get('/api/admin/inbound-sources')).body.find((s: { id: string }) => s.id === id).lastUsedAt).not.toBeNull();
    // The front desk sees it in triage.
    const frontdesk = await signIn(running.base, 'frontdesk', 'ws-inbound-frontdesk');
    expect((await frontdesk.pullAll('tasks', 500)).documents.map((d) => d.id)).toContain(filed.body.taskId);
  });

  it('files the text of an e-mail sent as HTML only (Postmark, SendGrid), never its markup', async () => {
    const { id, secret } = await register();
    const html = '<div><p>Please refill my <b>lisinopril</b> &amp; metformin.</p><script>x()</script><p>Jane</p></div>';
    const viaPostmark = await json(id, postmark('<html-1@mail.example>', { TextBody: '', HtmlBody: html }), secret);
    expect(viaPostmark.status).toBe(201);
    const described = (await task(viaPostmark.body.taskId)).description;
    expect(described).toContain('Please refill my lisinopril & metformin.\n\nJane');
    expect(described).not.toMatch(/<|x\(\)/);

    const sendgrid = formOf({ from: 'pat@example.com', subject: 'Refill', html, 'message-id': '<html-2@example.com>' });
    const viaSendgrid = await multipart(id, sendgrid, secret);
    expect(viaSendgrid.status).toBe(201);
    expect((await task(viaSendgrid.body.taskId)).description).toContain('Please refill my lisinopril & metformin.');
  });

  it('files the generic JSON form, SendGrid and Mailgun multipart e-mails and a fax service’s PDF', async () => {
    const email = await register();
    const generic = await json(
      email.id,
      { sender: 'Dr. Ruiz office', subject: 'Referral letter', text: 'See attached.', messageId: 'g-1' },
      email.secret,
    );
    expect(generic.status).toBe(201);
    expect(await task(generic.body.taskId)).toMatchObject({ title: 'Referral letter', channel: 'email' });

    const sendgrid = formOf({
      from: 'Sam Lee <sam@example.com>',
      subject: 'Records request',
      text: 'Please send my records.',
      headers: 'Received: by mx\nMessage-ID: <sg-77@example.com>\nSubject: Records request',
    });
    const viaSendgrid = await multipart(email.id, sendgrid, email.secret);
    expect(viaSendgrid.status).toBe(201);
    expect((await task(viaSendgrid.body.taskId)).description).toContain('From: Sam Lee <sam@example.com>');
    // Redelivered, the Message-ID among its headers finds the first task.
    expect((await multipart(email.id, sendgrid, email.secret)).body).toMatchObject({ taskId: viaSendgrid.body.taskId, duplicate: true });

    const mailgun = formOf({
      sender: 'pat@example.com',
      subject: 'Billing question',
      'body-plain': 'Why was I billed twice?',
      'Message-Id': '<mg-1@example.com>',
    });
    const viaMailgun = await multipart(email.id, mailgun, email.secret);
    expect(viaMailgun.status).toBe(201);
    expect((await task(viaMailgun.body.taskId)).description).toContain('Why was I billed twice?');

    const fax = await register(FAX);
    const form = formOf({ from: '+15551234567' });
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'fax-0001.pdf');
    const viaFax = await multipart(fax.id, form, fax.secret);
    expect(viaFax.status).toBe(201);
    expect(await task(viaFax.body.taskId)).toMatchObject({ title: 'Fax from +15551234567', channel: 'fax', typeId: 'portal_message' });
    expect((await task(viaFax.body.taskId)).history[0]).toMatchObject({ actorName: `Fax line “${FAX.name}”` });
  });

  it('attaches a message’s PDF and images to its task, once; a file a task may not hold is named in the description instead', async () => {
    const { id, secret } = await register();
    const files = [
      { Name: 'intake-form.pdf', ContentType: 'application/pdf', Content: PDF.toString('base64') },
      { Name: 'insurance-card.png', ContentType: 'image/png', Content: PNG.toString('base64') },
      {
        Name: 'notes.docx',
        ContentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        Content: Buffer.from('PK docx').toString('base64'),
      },
      { Name: 'scan.pdf', ContentType: 'application/pdf', Content: Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX)]).toString('base64') },
    ];
    const filed = await json(id, postmark('<att-1@mail.example>', { Attachments: files }), secret);
    expect(filed.status).toBe(201);
    const t = await task(filed.body.taskId);
    expect(t.attachments.map((a) => [a.name, a.contentType, a.size, a.addedBy])).toEqual([
      ['intake-form.pdf', 'application/pdf', PDF.length, `source:${id}`],
      ['insurance-card.png', 'image/png', PNG.length, `source:${id}`],
    ]);
    expect(t.description).toContain('Not attached: "notes.docx" is not a PDF or an image');
    expect(t.description).toContain('Not attached: "scan.pdf" is larger than');
    // The front desk opens the document as it was sent.
    const frontdesk = await signIn(running.base, 'frontdesk', 'ws-inbound-frontdesk-att');
    const opened = await fetch(`${running.base}/api/tasks/${t.id}/attachments/${t.attachments[0].id}?purpose=view`, {
      headers: { authorization: `Bearer ${frontdesk.token}` },
    });
    expect(opened.status).toBe(200);
    expect(Buffer.from(await opened.arrayBuffer()).equals(PDF)).toBe(true);
    // Redelivered, nothing is attached twice.
    expect((await json(id, postmark('<att-1@mail.example>', { Attachments: files }), secret)).status).toBe(200);
    expect((await task(filed.body.taskId)).attachments).toHaveLength(2);

    const fax = await register(FAX);
    const form = formOf({ from: '+15559876543' });
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'fax-0002.pdf');
    const viaFax = await multipart(fax.id, form, fax.secret);
    expect((await task(viaFax.body.taskId)).attachments.map((a) => a.name)).toEqual(['fax-0002.pdf']);
  });

  it('refuses a missing, wrong or replayed-over-another-body signature, an unknown, revoked or rotated-away secret: 401, nothing filed', async () => {
    const { id, secret } = await register();
    const body = JSON.stringify(postmark('<sig-1@mail.example>'));
    const before = (await audit()).length;
    expect((await deliver(id, body, 'application/json', {})).status).toBe(401);
    expect((await deliver(id, body, 'application/json', { header: signature('not-the-secret', body) })).status).toBe(401);
    expect((await deliver(id, body, 'application/json', { header: 'sha256=zz' })).status).toBe(401);
    // A signature made for one body does not carry another.
    const changed = body.replace('attached', 'attacked');
    const refused = await deliver(id, changed, 'application/json', { header: signature(secret, body) });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_signature');
    expect((await deliver('no-such-source', body, 'application/json', secret)).status).toBe(401);
    // Refused before the body is read: a large unsigned body is answered 401 all the same.
    expect((await deliver(id, 'x'.repeat(2_000_000), 'application/json', {})).status).toBe(401);
    expect(await filedBy(id)).toEqual([]);
    // A well-formed signature that does not match (a wrong secret, another body) is on record, without the message.
    const refusals = (await audit()).slice(before);
    expect(refusals.map((e) => [e.action, e.actorId])).toEqual([
      ['inbound_refused', `source:${id}`],
      ['inbound_refused', `source:${id}`],
    ]);
    expect(JSON.stringify(refusals)).not.toContain('jane.doe');

    const rotated = await admin.post(`/api/admin/inbound-sources/${id}/rotate`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    expect((await deliver(id, body, 'application/json', secret)).status).toBe(401);
    expect((await deliver(id, body, 'application/json', rotated.body.secret)).status).toBe(201);

    const frontdesk = await signIn(running.base, 'frontdesk', 'ws-inbound-frontdesk-2');
    expect((await frontdesk.post(`/api/admin/inbound-sources/${id}/revoke`, {})).status).toBe(403);
    expect((await admin.post(`/api/admin/inbound-sources/${id}/revoke`, {})).status).toBe(200);
    const other = JSON.stringify(postmark('<sig-2@mail.example>'));
    expect((await deliver(id, other, 'application/json', rotated.body.secret)).status).toBe(401);
    expect((await admin.post(`/api/admin/inbound-sources/${id}/rotate`, {})).status).toBe(409);
    expect((await filedBy(id)).length).toBe(1);
    const acts = (await audit()).filter((e) => e.docId === id).map((e) => e.action);
    expect(acts).toEqual(['inbound_source_created', 'inbound_source_rotated', 'inbound_source_revoked']);
  });

  it('files a redelivered message once: the same message id, or without one the same body', async () => {
    const { id, secret } = await register();
    const first = await json(id, postmark('<dup-1@mail.example>'), secret);
    // The same message id with another body (a service adds a delivery timestamp) is the same message.
    const again = await json(id, postmark('<dup-1@mail.example>', { Date: 'Sun, 6 Dec 2026 20:00:00 +0000' }), secret);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ taskId: first.body.taskId, status: 'received', duplicate: true });

    const noId = { sender: '+15550001111', subject: '', text: 'Call me back' };
    const a = await json(id, noId, secret);
    const b = await json(id, noId, secret);
    const c = await json(id, { ...noId, text: 'Call me back today' }, secret);
    expect([a.status, b.status, c.status]).toEqual([201, 200, 201]);
    expect(b.body.taskId).toBe(a.body.taskId);
    expect(c.body.taskId).not.toBe(a.body.taskId);
    expect((await filedBy(id)).length).toBe(3);
    // Another source's message with the same id is another message.
    const other = await register();
    expect((await json(other.id, postmark('<dup-1@mail.example>'), other.secret)).status).toBe(201);
  });

  it('answers 400 for a payload of no known form, 415 for another content type and 413 beyond the size limit, filing nothing', async () => {
    const { id, secret } = await register();
    const noForm = await json(id, { hello: 'world' }, secret);
    expect(noForm.status).toBe(400);
    expect(noForm.body.message).toContain('Postmark');
    expect((await deliver(id, '{not json', 'application/json', secret)).status).toBe(400);
    expect((await deliver(id, `{"sender":${'['.repeat(20_000)}`, 'application/json', secret)).body.message).toContain('nested');
    // A payload cannot choose where it is filed: the source's location and type decide.
    expect((await json(id, { sender: 'x@example.com', text: 'hi', locationId: 'loc-other' }, secret)).status).toBe(400);
    expect((await multipart(id, formOf({ subject: 'No sender' }), secret)).status).toBe(400);
    expect((await deliver(id, 'plain text', 'text/plain', secret)).status).toBe(415);
    const huge = Buffer.alloc(33 * 1024 * 1024, 0x20);
    expect((await rawPost(id, huge, 'application/json', secret)).status).toBe(413);
    expect(await filedBy(id)).toEqual([]);
  });
});
