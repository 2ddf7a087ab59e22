// A modified client against a real server process: it sends what the UI would never offer. The
// server refuses (403 to a direct call), changes nothing, tells the author, audits it once, and
// gives nothing away about documents the author may not read. Identity comes from the session
// only: forged actor fields are replaced, and expired, forged or revoked tokens get 401.
import { readSecretFile, SECRETS, secretsDirFor } from '../../sync-server/secrets/secrets';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Task } from '../../shared/task';
import { addLocation, patchUser } from '../support/admin-access';
import { newTaskDoc, signIn, type Api } from '../support/api';
import { readAudit } from '../support/audit-reader';
import { startServer, type RunningServer } from '../support/server-process';
import { placeTasks } from '../support/task-fixtures';

let server: RunningServer;
let admin: Api;
let manager: Api;
let frontDesk: Api;
let clinician: Api;

const push = (who: Api, rows: unknown[]) => who.post('/api/sync/tasks/push', rows);
const stored = async (id: string) =>
  (await manager.pullAll('tasks', 5000)).documents.find((d) => d.id === id) as Task & { _deleted: boolean };
const lastAuditId = () => readAudit(server.dataDir).at(-1)!.id;

/** Asserts the refusal: 403, the task as it was, one `refuse` audit entry by the author, and a notice. */
async function expectRefused(who: Api, before: Task, after: Task, message: RegExp) {
  const mark = lastAuditId();
  const notices = (await who.pullAll('rejections', 1000)).checkpoint;
  const answer = await push(who, [{ assumedMasterState: before, newDocumentState: after }]);
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ error: 'forbidden', message: expect.stringMatching(message) });
  expect(await stored(before.id)).toEqual({ ...before, _deleted: false });
  expect(readAudit(server.dataDir, mark).map((e) => [e.actor_id, e.action, e.doc_id])).toEqual([
    [who.userId, 'refuse', before.id],
    [who.userId, 'create', expect.any(String)],
  ]);
  const [notice] = (await who.pullAll('rejections', 100, notices)).documents;
  expect(notice).toMatchObject({ docId: before.id, code: 'forbidden', userId: who.userId });
  return { answer, notice };
}

beforeAll(async () => {
  server = await startServer();
  admin = await signIn(server.url, 'admin');
  await addLocation(admin, 'loc-north');
  expect((await patchUser(server.url, admin, 'u-manager', { locationIds: ['loc-main', 'loc-north'] })).status).toBe(200);
  manager = await signIn(server.url, 'manager');
  frontDesk = await signIn(server.url, 'frontdesk');
  clinician = await signIn(server.url, 'clinician');
});
afterAll(async () => {
  await server?.stop();
});

describe('tampered client', () => {
  it('refuses a transition the role may not make (front desk approving), and one no role may make', async () => {
    const [review, fresh] = await placeTasks(manager, [
      { status: 'needs_review', typeId: 'clinical_review_sign_off', queue: 'front_desk', ownerId: 'u-frontdesk' },
      { status: 'new', typeId: 'general', queue: 'front_desk', ownerId: '' },
    ]);
    await expectRefused(
      frontDesk,
      review,
      { ...review, status: 'approved', outcome: 'approved', reviewerId: 'u-frontdesk' },
      /may not approve/,
    );
    // A jump the workflow has no action for: refused for every role, answered with the server's state.
    const jump = await push(frontDesk, [{ assumedMasterState: fresh, newDocumentState: { ...fresh, status: 'closed' } }]);
    expect(jump).toMatchObject({ status: 200, body: [{ ...fresh, _deleted: false }] });
    expect(await stored(fresh.id)).toEqual({ ...fresh, _deleted: false });
  });

  it('refuses fields the role may not edit: a reviewer’s outcome, a clinician routing, a forged reviewer', async () => {
    const [work, sign, awaiting] = await placeTasks(manager, [
      { status: 'in_progress', typeId: 'general', queue: 'front_desk', ownerId: 'u-frontdesk' },
      { status: 'in_progress', typeId: 'general', queue: 'clinician', ownerId: 'u-clinician' },
      { status: 'needs_review', typeId: 'clinical_review_sign_off', queue: 'clinician', ownerId: 'u-manager' },
    ]);
    await expectRefused(frontDesk, work, { ...work, outcome: 'approved' }, /outcome/);
    await expectRefused(frontDesk, work, { ...work, reviewerId: 'u-frontdesk' }, /reviewer/);
    await expectRefused(clinician, sign, { ...sign, queue: 'billing' }, /queue/);
    await expectRefused(clinician, awaiting, { ...awaiting, status: 'in_review', reviewerId: 'u-manager' }, /reviewer/);
    // The same pick-up in the clinician's own name is accepted.
    const ok = await push(clinician, [
      { assumedMasterState: awaiting, newDocumentState: { ...awaiting, status: 'in_review', reviewerId: 'u-clinician' } },
    ]);
    expect(ok).toMatchObject({ status: 200, body: [] });
  });

  it('neither changes nor describes another location’s task, and files nothing there', async () => {
    const [north] = await placeTasks(manager, [
      {
        status: 'in_progress',
        typeId: 'general',
        queue: 'front_desk',
        ownerId: 'u-manager',
        locationId: 'loc-north',
        title: 'North secret title',
      },
    ]);
    expect((await frontDesk.pullAll('tasks', 5000)).documents.map((d) => d.id)).not.toContain(north.id);
    const guess = { id: north.id, title: 'Probe', status: 'in_progress', priority: 'urgent' } as unknown as Task;
    const { answer, notice } = await expectRefused(frontDesk, north, { ...north, ...guess }, /may not change this task/);
    // The answer and the notice hold only what the client sent, nothing the server keeps.
    expect(JSON.stringify(answer.body)).not.toContain('North secret title');
    expect(JSON.stringify(notice)).not.toContain('North secret title');
    expect(notice.docTitle).toBe('Probe');
    const filed = newTaskDoc({ locationId: 'loc-north', title: 'Filed elsewhere' });
    const refused = await push(frontDesk, [{ newDocumentState: filed }]);
    expect(refused.status).toBe(403);
    expect(refused.body.documents).toEqual([{ ...filed, _deleted: true }]);
    expect(await stored(filed.id)).toBeUndefined();
  });

  it('stamps who did it from the session: forged updatedBy, history, creator and note author are replaced', async () => {
    const forged = newTaskDoc({
      title: 'Forged actor',
      createdBy: 'u-manager',
      updatedBy: 'u-manager',
      rev: 999,
      reworkCount: 7,
      history: [
        {
          rev: 1,
          at: new Date().toISOString(),
          actorId: 'u-manager',
          actorName: 'Kim Novak',
          workstationId: 'ws-x',
          kind: 'created',
          changes: [],
        },
      ],
      notes: [
        { id: newId(), at: new Date().toISOString(), authorId: 'u-manager', authorName: 'Kim Novak', text: 'Approved by the manager' },
      ],
    });
    expect((await push(frontDesk, [{ newDocumentState: forged }])).status).toBe(200);
    const saved = await stored(forged.id);
    expect(saved).toMatchObject({ createdBy: 'u-frontdesk', updatedBy: 'u-frontdesk', reworkCount: 0 });
    expect(saved.rev).not.toBe(999);
    expect(saved.history.map((h) => [h.actorId, h.workstationId])).toEqual([['u-frontdesk', 'ws-test']]);
    expect(saved.notes.map((n) => [n.authorId, n.authorName])).toEqual([['u-frontdesk', 'Maria Lopez']]);
    const entry = readAudit(server.dataDir).filter((e) => e.doc_id === forged.id);
    expect(entry.map((e) => [e.actor_id, e.action])).toEqual([['u-frontdesk', 'create']]);
  });

  it('refuses a forged, a revoked and a deactivated user’s token with 401', async () => {
    const [header, payload] = frontDesk.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: 'u-manager' })).toString('base64url');
    expect((await manager.get('/api/sync/tasks/pull', `${header}.${forgedPayload}.${frontDesk.token.split('.')[2]}`)).status).toBe(401);

    const victim = await signIn(server.url, 'referrals', 'ws-victim');
    const sessions = (await admin.get('/api/admin/sessions')).body as { id: string; userId: string; workstationId: string }[];
    const session = sessions.find((s) => s.userId === 'u-referrals' && s.workstationId === 'ws-victim')!;
    expect((await admin.post(`/api/admin/sessions/${session.id}/revoke`, {})).status).toBe(200);
    expect((await victim.get('/api/sync/tasks/pull')).status).toBe(401);
    expect((await push(victim, [{ newDocumentState: newTaskDoc({ queue: 'referrals' }) }])).status).toBe(401);

    const billing = await signIn(server.url, 'billing');
    expect((await admin.post('/api/admin/users/u-billing/deactivate', {})).status).toBe(200);
    expect((await push(billing, [{ newDocumentState: newTaskDoc({ queue: 'billing' }) }])).status).toBe(401);
  });
});

describe('expired token', () => {
  /** Signs the front desk's claims with the server's own key (read from its secrets folder). */
  const signed = async (exp: number) => {
    const value = readSecretFile(secretsDirFor(server.dataDir), SECRETS.tokenSecret.file)!;
    const claims = JSON.parse(Buffer.from(frontDesk.token.split('.')[1], 'base64url').toString());
    return new SignJWT({ ws: claims.ws, sid: claims.sid, wse: claims.wse })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuedAt(exp - 900)
      .setExpirationTime(exp)
      .sign(Buffer.from(value, 'hex'));
  };

  it('refuses a correctly signed token once it has expired, for pull and push alike', async () => {
    const now = Math.floor(Date.now() / 1000);
    // The same token with a future expiry works: only the expiry differs.
    expect((await frontDesk.get('/api/sync/tasks/pull?limit=1', await signed(now + 600))).status).toBe(200);
    const expired = await signed(now - 1);
    expect((await frontDesk.get('/api/sync/tasks/pull?limit=1', expired)).status).toBe(401);
    expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: newTaskDoc() }], expired)).status).toBe(401);
    expect((await frontDesk.get('/api/sync/stream', expired)).status).toBe(401);
  });
});
