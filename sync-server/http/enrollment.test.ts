// Workstation enrollment against a real listening server: a code an admin issues enrolls one
// workstation once, whose sign-ins and changes are audited with its id and whose changes' history
// names it as the admin named it; with
// BATON_REQUIRE_ENROLLMENT=1 only an enrolled workstation signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { issueEnrollmentCode } from '../auth/enrollment';
import { newTaskDoc, request } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

const NO_AUTOMATION = { BATON_SLA_AUTOMATION: '0' };

describe('workstation enrollment', () => {
  let running: InProcessServer;
  const post = (url: string, body: unknown, token?: string) => request(running.base, 'POST', url, body, token);
  const login = (username: string, extra: Record<string, unknown> = {}) =>
    post('/api/auth/login', { username, password: 'baton-demo', ...extra });

  beforeAll(async () => {
    running = await startInProcess('sqlite', {}, NO_AUTOMATION);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('an admin issues a code; a workstation enrolls once; its sign-ins and changes are audited with its id', async () => {
    const admin = (await login('admin')).body;
    const frontdesk = (await login('frontdesk')).body;
    expect((await post('/api/admin/enrollment-codes', { locationId: 'loc-main' }, frontdesk.token)).status).toBe(403);
    expect((await post('/api/admin/enrollment-codes', { locationId: 'loc-elsewhere' }, admin.token)).status).toBe(403);
    expect((await post('/api/admin/enrollment-codes', {}, admin.token)).status).toBe(400);
    const issued = await post('/api/admin/enrollment-codes', { locationId: 'loc-main' }, admin.token);
    expect(issued.status).toBe(200);
    expect(issued.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(issued.body.expiresAt)).toBeGreaterThan(Date.now());

    const enrolled = await post('/api/workstations/enroll', { code: issued.body.code.toLowerCase(), name: 'Front desk 2' });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body).toMatchObject({ locationId: 'loc-main' });
    const { workstationId, workstationSecret } = enrolled.body;
    const again = await post('/api/workstations/enroll', { code: issued.body.code, name: 'Copy' });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_enrollment_code');

    const before = (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).at(-1)!.id;
    const session = await login('frontdesk', { workstationId, workstationSecret });
    expect(session.status).toBe(200);
    const doc = newTaskDoc({ title: 'From an enrolled workstation' });
    expect((await post('/api/sync/tasks/push', [{ newDocumentState: doc }], session.body.token)).body).toEqual([]);
    const entries = await running.server.storage.readAudit({ afterId: before, limit: 100 });
    expect(entries.map((e) => [e.action, e.workstationId])).toEqual([
      ['sign_in', workstationId],
      ['create', workstationId],
    ]);
    // The task's history names the workstation as the admin named it; an unenrolled one has no name.
    const stored = await running.server.storage.getDoc('tasks', doc.id);
    expect((stored?.data as Task).history[0]).toMatchObject({ workstationId, workstationName: 'Front desk 2' });
    const unenrolled = await login('frontdesk', { workstationId: 'ws-claims-a-name' });
    const other = newTaskDoc({ title: 'From an unenrolled workstation' });
    expect((await post('/api/sync/tasks/push', [{ newDocumentState: other }], unenrolled.body.token)).body).toEqual([]);
    const otherHistory = ((await running.server.storage.getDoc('tasks', other.id))?.data as Task).history;
    expect(otherHistory[0].workstationId).toBe('ws-claims-a-name');
    expect(otherHistory[0]).not.toHaveProperty('workstationName');

    // The enrolled id without its secret, or with a wrong one, is someone borrowing its name.
    expect((await login('frontdesk', { workstationId })).status).toBe(401);
    const wrong = await login('frontdesk', { workstationId, workstationSecret: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_workstation');
    expect((await post('/api/workstations/enroll', { code: 'AAAA-BBBB-CCCC', name: 'Guess' })).status).toBe(400);
  });
});

describe('BATON_REQUIRE_ENROLLMENT=1', () => {
  it('refuses sign-in from an unenrolled workstation and accepts an enrolled one', async () => {
    const running = await startInProcess('sqlite', {}, { ...NO_AUTOMATION, BATON_REQUIRE_ENROLLMENT: '1' });
    try {
      const post = (url: string, body: unknown) => request(running.base, 'POST', url, body);
      const refused = await post('/api/auth/login', { username: 'admin', password: 'baton-demo', workstationId: 'ws-random' });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('enrollment_required');
      // The refusal does not depend on the password, so it reveals nothing about it.
      expect((await post('/api/auth/login', { username: 'admin', password: 'wrong', workstationId: 'ws-random' })).body.error).toBe(
        'enrollment_required',
      );

      // Bootstrapping: an admin's enrollment code is stored through the same path the API uses.
      const { code } = await issueEnrollmentCode(running.server.storage, 'loc-main', 'u-admin');
      const enrolled = await post('/api/workstations/enroll', { code, name: 'Exam room PC' });
      expect(enrolled.status).toBe(200);
      const ok = await post('/api/auth/login', { username: 'admin', password: 'baton-demo', ...enrolled.body });
      expect(ok.status).toBe(200);
      const [, payload] = ok.body.token.split('.');
      expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ ws: enrolled.body.workstationId, wse: true });
    } finally {
      await running.close();
    }
  });
});
