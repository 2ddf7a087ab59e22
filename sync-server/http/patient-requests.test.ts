// The patient request page and status link against a real listening server: a request filed from
// the page or the API becomes a portal triage task; the status link tells its state and nothing
// else, takes the patient's answer while the practice waits on them (a note, the task resumed), and
// expires; each abuse rule refuses and files nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { request, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { sizeText } from '../../shared/attachments/attachment';
import { sha256 } from '../auth/sessions';
import { PATIENT_ACTOR_ID } from '../intake/patient-requests';
import { withoutStatusToken } from './routes-patient-requests';

/** The test server's largest document (BATON_ATTACHMENT_MAX_BYTES). */
const DOCUMENT_MAX = 64 * 1024;
const LOC = 'loc-main';
const REFILL = {
  'field:name': 'Rosa Tran',
  'field:dob': '1961-03-14',
  'field:medication': 'Lisinopril 10 mg',
  'field:pharmacy': 'Elm Street Pharmacy',
  contact: '555-201-0142',
  text: 'I have three days left. Please send a refill.',
};
const API_REFILL = {
  locationId: LOC,
  typeId: 'refill',
  contact: 'rosa@example.com',
  text: 'Refill please',
  fields: { name: 'Rosa Tran', dob: '1961-03-14', medication: 'Metformin 500 mg' },
};

/** The test's clock: the server's `now`, moved instead of waited for. */
let clock = Date.now();
const later = (ms: number) => (clock += ms);

const formToken = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
const statusTokenIn = (html: string) => /\/request\/status\/([A-Za-z0-9_-]{43})/.exec(html)?.[1] ?? '';

async function postForm(base: string, path: string, fields: Record<string, string>) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe.each(['sqlite', 'postgres'] as const)('the patient request page and status link on %s', (kind) => {
  let running: InProcessServer;
  let frontdesk: Api;
  const page = async (path: string) => {
    const response = await fetch(`${running.base}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const task = async (id: string) => (await running.server.storage.getDoc('tasks', id))?.data as Task;
  const patientCreates = async () =>
    (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter(
      (e) => e.action === 'create' && e.actorId === PATIENT_ACTOR_ID,
    ).length;
  const taskOf = async (token: string) => (await running.server.storage.getRequestLink(sha256(token)))!.taskId;
  /** Serves the refill form, waits as a person would, and sends it. */
  const fileFromPage = async (fields: Record<string, string> = REFILL) => {
    const form = await page(`/request/${LOC}?type=refill`);
    later(5_000);
    return postForm(running.base, `/request/${LOC}`, { formToken: formToken(form.text), typeId: 'refill', ...fields });
  };
  const fileByApi = async () => (await request(running.base, 'POST', '/api/intake/requests', API_REFILL)).body.statusToken as string;
  /** Front desk takes the task, starts it and sets it waiting on the patient with a question. */
  const askPatient = async (taskId: string, question: string) => {
    const current = (await frontdesk.pullAll('tasks', 500)).documents.find((d) => d.id === taskId);
    const started = { ...current, status: 'in_progress', ownerId: frontdesk.userId, category: 'patient_message', pendingSync: true };
    expect((await frontdesk.post('/api/sync/tasks/push', [{ assumedMasterState: current, newDocumentState: started }])).body).toEqual([]);
    const base = { ...(await task(taskId)), _deleted: false };
    const waiting = {
      ...base,
      status: 'waiting',
      waitingOn: 'patient',
      reasonCode: 'missing_info',
      reasonNote: question,
      pendingSync: true,
    };
    expect((await frontdesk.post('/api/sync/tasks/push', [{ assumedMasterState: base, newDocumentState: waiting }])).body).toEqual([]);
  };

  beforeAll(async () => {
    // Each database's run starts at the real time (the previous run moved it a month on).
    clock = Date.now();
    // The ceiling per address has its own test below.
    const roomy = { max: 1_000, windowMs: 60_000 };
    running = await startInProcess(
      kind,
      { now: () => clock, patientRequests: { filings: roomy, status: roomy } },
      { BATON_SLA_AUTOMATION: '0', BATON_ATTACHMENT_MAX_BYTES: String(DOCUMENT_MAX) },
    );
    frontdesk = await signIn(running.base, 'frontdesk', 'ws-requests-frontdesk');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('lists the location’s request types and shows a type’s form, with strict headers and no script', async () => {
    const list = await page(`/request/${LOC}`);
    expect(list.status).toBe(200);
    for (const label of ['Medication refill', 'Medical records request', 'Change an appointment', 'Billing question'])
      expect(list.text).toContain(label);
    expect(list.text).toContain('<html lang="en">');
    const form = await page(`/request/${LOC}?type=refill`);
    expect(form.text).toContain('<label for="field-medication">Medication and dose</label>');
    expect(form.text).toContain('<legend>How can we reach you?</legend>');
    expect(form.text).toContain('type="file"');
    expect(form.text).not.toContain('<script');
    const csp = form.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(form.headers.get('x-content-type-options')).toBe('nosniff');
    expect(form.headers.get('x-frame-options')).toBe('DENY');
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect((await page('/request/loc-nowhere')).status).toBe(404);
  });

  it('files a portal triage task from the page and answers a status link kept only as a hash', async () => {
    const filed = await fileFromPage();
    expect(filed.status).toBe(201);
    const token = statusTokenIn(filed.text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(filed.text).toContain('It works for 30 days');
    const link = await running.server.storage.getRequestLink(sha256(token));
    expect(link).toMatchObject({ locationId: LOC });
    expect(await running.server.storage.getRequestLink(token)).toBeUndefined();
    const filedTask = await task(link!.taskId);
    expect(filedTask).toMatchObject({
      status: 'new',
      channel: 'portal',
      title: 'Medication refill',
      typeId: 'portal_message',
      queue: 'front_desk',
    });
    expect(filedTask.description).toContain('Contact: 555-201-0142');
    expect(filedTask.description).toContain('Medication and dose: Lisinopril 10 mg');
    expect(filedTask.description).toContain(REFILL.text);
    expect(filedTask.history[0]).toMatchObject({ kind: 'created', actorName: 'Patient (via request page)' });
    // The front desk sees it in triage; the audit names the patient's page.
    expect((await frontdesk.pullAll('tasks', 500)).documents.map((d) => d.id)).toContain(link!.taskId);
    const audit = await running.server.storage.readAudit({ afterId: 0, limit: 100_000 });
    expect(audit.filter((e) => e.docId === link!.taskId).map((e) => [e.action, e.actorId])).toEqual([['create', PATIENT_ACTOR_ID]]);
  });

  it('files a document sent with the page’s form on the task, and refuses one that is no PDF or image, filing nothing', async () => {
    const post = async (file: Blob, name: string) => {
      const form = await page(`/request/${LOC}?type=refill`);
      later(5_000);
      const body = new FormData();
      for (const [key, value] of Object.entries({ formToken: formToken(form.text), typeId: 'refill', website: '', ...REFILL }))
        body.append(key, value);
      body.append('document', file, name);
      const response = await fetch(`${running.base}/request/${LOC}`, { method: 'POST', body });
      return { status: response.status, text: await response.text() };
    };
    const pdf = new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' });
    const filed = await post(pdf, 'refill-letter.pdf');
    expect(filed.status).toBe(201);
    const filedTask = await task(await taskOf(statusTokenIn(filed.text)));
    expect(filedTask.attachments).toEqual([expect.objectContaining({ name: 'refill-letter.pdf', contentType: 'application/pdf' })]);

    const before = await patientCreates();
    const script = await post(new Blob(['<script>alert(1)</script>'], { type: 'application/pdf' }), 'scan.pdf');
    expect(script.status).toBe(415);
    expect(script.text).toContain('id="document-error"');
    expect(script.text).toContain('value="Lisinopril 10 mg"');
    expect(await patientCreates()).toBe(before);

    // Over the size: the form again, what was typed still in it, the reason at the file input.
    const big = await post(new Blob([Buffer.from('%PDF-1.4\n'), Buffer.alloc(DOCUMENT_MAX)], { type: 'application/pdf' }), 'big-scan.pdf');
    expect(big.status).toBe(413);
    expect(big.text).toContain('id="document-error"');
    expect(big.text).toContain(`“big-scan.pdf” is larger than ${sizeText(DOCUMENT_MAX)}. Please choose a smaller file.`);
    expect(big.text).toContain('value="Lisinopril 10 mg"');
    expect(await patientCreates()).toBe(before);
  });

  it('files the same through the JSON API, and refuses an incomplete request with a reason per field', async () => {
    const filed = await request(running.base, 'POST', '/api/intake/requests', API_REFILL);
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ statusToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const before = await patientCreates();
    const missing = await request(running.base, 'POST', '/api/intake/requests', { ...API_REFILL, fields: { name: 'Rosa Tran' } });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.problems)).toEqual(['field:dob', 'field:medication']);
    expect((await request(running.base, 'POST', '/api/intake/requests', { ...API_REFILL, contact: 'call me' })).status).toBe(400);
    expect((await request(running.base, 'POST', '/api/intake/requests', { ...API_REFILL, typeId: 'nothing' })).status).toBe(400);
    expect((await request(running.base, 'POST', '/api/intake/requests', { ...API_REFILL, locationId: 'loc-nowhere' })).status).toBe(404);
    expect((await request(running.base, 'POST', '/api/intake/requests', { ...API_REFILL, priority: 'urgent' })).status).toBe(400);
    const plain = await request(running.base, 'POST', '/api/intake/requests', JSON.stringify(API_REFILL), null, {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(415);
    expect(await patientCreates()).toBe(before);
  });

  it('refuses a honeypot, a missing, forged or too fast form token, and oversized fields and bodies, filing nothing', async () => {
    const before = await patientCreates();
    const form = await page(`/request/${LOC}?type=refill`);
    const token = formToken(form.text);
    const send = (fields: Record<string, string>) => postForm(running.base, `/request/${LOC}`, { typeId: 'refill', ...REFILL, ...fields });
    // Sent one second after the page was served: faster than a person; the form comes back filled in.
    later(1_000);
    const fast = await send({ formToken: token });
    expect(fast.status).toBe(400);
    expect(fast.text).toContain('faster than a person');
    expect(fast.text).toContain('value="Lisinopril 10 mg"');
    later(5_000);
    expect((await send({ formToken: token, website: 'http://spam.example' })).status).toBe(400);
    expect((await send({})).status).toBe(400);
    const forged = `${clock - 10_000}.${'A'.repeat(43)}`;
    expect((await send({ formToken: forged })).status).toBe(400);
    const tooLong = await send({ formToken: token, 'field:medication': 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('aria-invalid="true"');
    expect((await send({ formToken: token, text: 'x'.repeat(4_001) })).status).toBe(400);
    expect((await send({ formToken: token, text: 'x'.repeat(40_000) })).status).toBe(413);
    const hugeJson = await request(running.base, 'POST', '/api/intake/requests', { ...API_REFILL, text: 'x'.repeat(40_000) });
    expect(hugeJson.status).toBe(413);
    expect(await patientCreates()).toBe(before);
    // The same token, in time and complete, files.
    expect((await send({ formToken: token })).status).toBe(201);
  });

  it('tells the status and nothing else; while waiting on the patient, the question; takes the answer as a note and resumes the task', async () => {
    const token = await fileByApi();
    const taskId = await taskOf(token);
    const received = await request(running.base, 'GET', `/api/intake/status/${token}`);
    expect(received.body).toEqual({ status: 'received', updatedAt: expect.any(String) });

    await askPatient(taskId, 'Which pharmacy should we send it to?');
    const waiting = await request(running.base, 'GET', `/api/intake/status/${token}`);
    expect(waiting.body).toEqual({
      status: 'waiting_on_you',
      updatedAt: expect.any(String),
      question: 'Which pharmacy should we send it to?',
    });
    expect(JSON.stringify(waiting.body)).not.toContain('Metformin');
    const statusPage = await page(`/request/status/${token}`);
    expect(statusPage.text).toContain('Waiting on you');
    expect(statusPage.text).toContain('Which pharmacy should we send it to?');
    expect(statusPage.text).not.toContain('Metformin');

    later(5_000);
    const answered = await postForm(running.base, `/request/status/${token}`, {
      formToken: formToken(statusPage.text),
      answer: 'Elm Street Pharmacy, Springfield',
    });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`/request/status/${token}?answered=1`);
    const after = await task(taskId);
    expect(after.notes.at(-1)).toMatchObject({
      authorId: PATIENT_ACTOR_ID,
      authorName: 'Patient (via request page)',
      text: 'Elm Street Pharmacy, Springfield',
    });
    expect(after.status).toBe('in_progress');
    expect(after.history.at(-1)).toMatchObject({ action: 'resume', actorName: 'Patient (via request page)' });
    // The front desk's replica gets the note with the task.
    const pulled = (await frontdesk.pullAll('tasks', 500)).documents.find((d) => d.id === taskId);
    expect(pulled.notes.map((n: { text: string }) => n.text)).toContain('Elm Street Pharmacy, Springfield');
    expect((await request(running.base, 'GET', `/api/intake/status/${token}`)).body).toEqual({
      status: 'being_worked_on',
      updatedAt: expect.any(String),
    });
    const audit = await running.server.storage.readAudit({ afterId: 0, limit: 100_000 });
    expect(audit.filter((e) => e.docId === taskId && e.actorId === PATIENT_ACTOR_ID).map((e) => e.action)).toEqual(
      expect.arrayContaining(['create', 'request_status_read', 'update']),
    );
    // No longer waiting: a second answer is refused and adds nothing.
    later(5_000);
    const again = await postForm(running.base, `/request/status/${token}`, { formToken: formToken(statusPage.text), answer: 'Again' });
    expect(again.status).toBe(409);
    expect((await task(taskId)).notes).toHaveLength(after.notes.length);
  });

  it('a status link answers only for its own request: another request’s form token cannot answer this one', async () => {
    const mine = await fileByApi();
    const other = await fileByApi();
    await askPatient(await taskOf(mine), 'Your date of birth again, please?');
    await askPatient(await taskOf(other), 'Which dose?');
    const otherPage = await page(`/request/status/${other}`);
    later(5_000);
    const crossed = await postForm(running.base, `/request/status/${mine}`, { formToken: formToken(otherPage.text), answer: 'Sneaky' });
    expect(crossed.status).toBe(400);
    expect((await task(await taskOf(mine))).notes).toEqual([]);
    expect((await task(await taskOf(other))).notes).toEqual([]);
    expect((await page(`/request/status/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await request(running.base, 'GET', '/api/intake/status/not-a-token')).status).toBe(404);
  });

  it('keeps a status link’s token out of the request log', () => {
    const token = 'A'.repeat(43);
    expect(withoutStatusToken(`/request/status/${token}?[redacted]`)).toBe('/request/status/[redacted]?[redacted]');
    expect(withoutStatusToken(`/api/intake/status/${token}`)).toBe('/api/intake/status/[redacted]');
    expect(withoutStatusToken('/request/loc-main')).toBe('/request/loc-main');
  });

  it('a status link expires after the configured days: 410 with a plain message', async () => {
    const token = await fileByApi();
    later(29 * 86_400_000);
    expect((await request(running.base, 'GET', `/api/intake/status/${token}`)).status).toBe(200);
    later(1 * 86_400_000 + 1_000);
    const expired = await request(running.base, 'GET', `/api/intake/status/${token}`);
    expect(expired.status).toBe(410);
    const expiredPage = await page(`/request/status/${token}`);
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.text).toContain('This status link has expired');
  });
});

describe('the patient request page’s ceiling per address', () => {
  let running: InProcessServer;
  beforeAll(async () => {
    running = await startInProcess(
      'sqlite',
      { patientRequests: { filings: { max: 2, windowMs: 60_000 }, status: { max: 2, windowMs: 60_000 } } },
      { BATON_SLA_AUTOMATION: '0' },
    );
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers 429 past the ceiling, on the form, the API and the status link, filing nothing', async () => {
    const file = () => request(running.base, 'POST', '/api/intake/requests', API_REFILL);
    const first = await file();
    expect(first.status).toBe(201);
    expect((await file()).status).toBe(201);
    const refused = await file();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    const token = first.body.statusToken;
    expect((await request(running.base, 'GET', `/api/intake/status/${token}`)).status).toBe(200);
    expect((await request(running.base, 'GET', `/api/intake/status/${token}`)).status).toBe(200);
    expect((await request(running.base, 'GET', `/api/intake/status/${token}`)).status).toBe(429);
    const page = await postForm(running.base, `/request/${LOC}`, { typeId: 'refill', ...REFILL });
    expect(page.status).toBe(400);
    expect((await postForm(running.base, `/request/${LOC}`, { typeId: 'refill', ...REFILL })).status).toBe(400);
    const limited = await postForm(running.base, `/request/${LOC}`, { typeId: 'refill', ...REFILL });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('text/html');
    const audit = await running.server.storage.readAudit({ afterId: 0, limit: 100_000 });
    expect(audit.filter((e) => e.action === 'create' && e.actorId === PATIENT_ACTOR_ID)).toHaveLength(2);
  });
});
