// API keys against a real listening server: only an admin creates, lists, rotates and revokes
// them (each act audited, the secret shown once); a key files a triage task into its scopes only,
// once per external id, reads back the status of what it filed and nothing else; a rotated or
// revoked key, a forged one or none gets 401 before its body is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { newTaskDoc, request, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

const SCOPES = { locationIds: ['loc-main'], queues: ['front_desk'], readStatus: true };
const REFILL = {
  locationId: 'loc-main',
  typeId: 'appointment_reschedule',
  title: 'Missed appointment: reschedule',
  text: 'No-show 9:30 with Dr. Chen',
  patientRef: 'MRN 100777 R.T.',
};

describe('API keys and intake from other systems', () => {
  let running: InProcessServer;
  let admin: Api;
  const withKey = (method: string, path: string, key: string, body?: unknown) => request(running.base, method, path, body, key);
  const audit = async () =>
    (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).map((e) => ({
      action: e.action,
      actorId: e.actorId,
      docId: e.docId,
    }));
  const createKey = async (name: string, scopes = SCOPES) => {
    const created = await admin.post('/api/admin/api-keys', { name, scopes });
    expect(created.status).toBe(201);
    return created.body as { key: string; apiKey: { id: string } };
  };

  beforeAll(async () => {
    running = await startInProcess('sqlite', {}, { BATON_SLA_AUTOMATION: '0' });
    admin = await signIn(running.base, 'admin', 'ws-keys-admin');
  });
  afterAll(async () => {
    await running?.close();
  });

  it('only an admin creates and lists keys; the secret is shown once and kept only as a hash', async () => {
    const manager = await signIn(running.base, 'manager', 'ws-keys-manager');
    expect((await manager.post('/api/admin/api-keys', { name: 'Mine', scopes: SCOPES })).status).toBe(403);
    expect((await manager.get('/api/admin/api-keys')).status).toBe(403);
    expect((await admin.post('/api/admin/api-keys', { name: 'Bad', scopes: { ...SCOPES, queues: [] } })).status).toBe(400);
    expect((await admin.post('/api/admin/api-keys', { name: 'Bad', scopes: { ...SCOPES, queues: ['no_such_queue'] } })).status).toBe(400);
    expect((await admin.post('/api/admin/api-keys', { name: 'Elsewhere', scopes: { ...SCOPES, locationIds: ['loc-other'] } })).status).toBe(
      403,
    );

    const { key, apiKey } = await createKey('Scheduling system');
    expect(key).toMatch(/^bk_[A-Za-z0-9-]+_[A-Za-z0-9_-]{43}$/);
    const listed = await admin.get('/api/admin/api-keys');
    const row = listed.body.find((k: { id: string }) => k.id === apiKey.id);
    expect(row).toMatchObject({ name: 'Scheduling system', scopes: SCOPES, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(key.split('_')[2]);
    expect(row).not.toHaveProperty('secretHash');
    const stored = await running.server.storage.getApiKey(apiKey.id);
    expect(stored?.secretHash).not.toContain(key.split('_')[2]);
    expect(await audit()).toContainEqual({ action: 'api_key_created', actorId: 'u-admin', docId: apiKey.id });
  });

  it('files a triage task into its scopes, once per external id, and its history and the audit name the key', async () => {
    const { key, apiKey } = await createKey('Scheduling system (filing)');
    const filed = await withKey('POST', '/api/intake/tasks', key, { ...REFILL, externalId: 'appt-55120' });
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ taskId: expect.any(String), status: 'received', duplicate: false });
    const again = await withKey('POST', '/api/intake/tasks', key, { ...REFILL, externalId: 'appt-55120' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ taskId: filed.body.taskId, status: 'received', duplicate: true });

    const task = (await running.server.storage.getDoc('tasks', filed.body.taskId))?.data as Task;
    expect(task).toMatchObject({
      status: 'new',
      queue: 'front_desk',
      channel: 'integration',
      patientRef: REFILL.patientRef,
      description: REFILL.text,
      createdBy: `key:${apiKey.id}`,
    });
    expect(task.checklist.length).toBeGreaterThan(0);
    expect(task.history[0]).toMatchObject({
      kind: 'created',
      actorName: 'API key “Scheduling system (filing)”',
      workstationName: 'API key “Scheduling system (filing)”',
    });
    // The front desk sees it in triage like any other request.
    const frontdesk = await signIn(running.base, 'frontdesk', 'ws-keys-frontdesk');
    expect((await frontdesk.pullAll('tasks', 500)).documents.map((d) => d.id)).toContain(filed.body.taskId);
    expect((await audit()).filter((e) => e.docId === filed.body.taskId)).toEqual([
      { action: 'create', actorId: `key:${apiKey.id}`, docId: filed.body.taskId },
    ]);
    expect((await admin.get('/api/admin/api-keys')).body.find((k: { id: string }) => k.id === apiKey.id).lastUsedAt).not.toBeNull();
  });

  it('refuses what falls outside its scopes or the configuration, changes nothing, and audits the attempt', async () => {
    const { key, apiKey } = await createKey('Form builder');
    const before = (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).length;
    const billing = await withKey('POST', '/api/intake/tasks', key, { ...REFILL, typeId: 'claim_status_check' });
    expect(billing.status).toBe(403);
    expect(billing.body.error).toBe('out_of_scope');
    expect((await withKey('POST', '/api/intake/tasks', key, { ...REFILL, locationId: 'loc-other' })).status).toBe(403);
    expect((await withKey('POST', '/api/intake/tasks', key, { ...REFILL, typeId: 'no_such_type' })).status).toBe(400);
    expect((await withKey('POST', '/api/intake/tasks', key, { ...REFILL, title: '' })).status).toBe(400);
    expect((await withKey('POST', '/api/intake/tasks', key, { ...REFILL, ownerId: 'u-frontdesk' })).status).toBe(400);
    const after = (await running.server.storage.readAudit({ afterId: 0, limit: 100_000 })).slice(before);
    // Each refusal past the key check is on record (a body that is not a request at all is not).
    expect(after.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ['api_key_refused', `key:${apiKey.id}`, expect.stringContaining('billing queue')],
      ['api_key_refused', `key:${apiKey.id}`, expect.stringContaining('location loc-other')],
      ['api_key_refused', `key:${apiKey.id}`, expect.stringContaining('no_such_type')],
    ]);
    // What was asked is on record, never the request's text.
    expect(JSON.stringify(after)).not.toContain(REFILL.patientRef);
  });

  it('reads back the status of what it filed, in plain words, and nothing about anything else', async () => {
    const { key } = await createKey('Portal status');
    const { key: blind } = await createKey('No status', { ...SCOPES, readStatus: false });
    const filed = (await withKey('POST', '/api/intake/tasks', key, REFILL)).body;
    const state = await withKey('GET', `/api/intake/tasks/${filed.taskId}`, key);
    expect(state.status).toBe(200);
    expect(state.body).toEqual({ status: 'received', updatedAt: expect.any(String) });
    expect((await withKey('GET', `/api/intake/tasks/${filed.taskId}`, blind)).status).toBe(403);
    // Another key's task, a staff member's task, an unknown id: all equally unknown.
    const { key: other } = await createKey('Other system');
    expect((await withKey('GET', `/api/intake/tasks/${filed.taskId}`, other)).status).toBe(404);
    const frontdesk = await signIn(running.base, 'frontdesk', 'ws-keys-frontdesk-3');
    const staffTask = newTaskDoc({ title: 'Filed at the front desk' });
    expect((await frontdesk.post('/api/sync/tasks/push', [{ newDocumentState: staffTask }])).body).toEqual([]);
    expect((await withKey('GET', `/api/intake/tasks/${staffTask.id}`, key)).status).toBe(404);
    expect((await withKey('GET', '/api/intake/tasks/unknown-id', key)).status).toBe(404);
  });

  it('a rotated key’s old secret, a revoked key, a forged key and no key get 401; only the admin rotates and revokes', async () => {
    const { key, apiKey } = await createKey('To rotate');
    const frontdesk = await signIn(running.base, 'frontdesk', 'ws-keys-frontdesk-2');
    expect((await frontdesk.post(`/api/admin/api-keys/${apiKey.id}/rotate`, {})).status).toBe(403);
    const rotated = await admin.post(`/api/admin/api-keys/${apiKey.id}/rotate`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).not.toBe(key);
    expect((await withKey('POST', '/api/intake/tasks', key, REFILL)).status).toBe(401);
    expect((await withKey('POST', '/api/intake/tasks', rotated.body.key, REFILL)).status).toBe(201);

    expect((await admin.post(`/api/admin/api-keys/${apiKey.id}/revoke`, {})).status).toBe(200);
    const revoked = await withKey('POST', '/api/intake/tasks', rotated.body.key, REFILL);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error).toBe('invalid_api_key');
    expect((await admin.post(`/api/admin/api-keys/${apiKey.id}/rotate`, {})).status).toBe(409);

    const forged = `bk_${apiKey.id}_${'A'.repeat(43)}`;
    expect((await withKey('POST', '/api/intake/tasks', forged, REFILL)).status).toBe(401);
    expect((await withKey('POST', '/api/intake/tasks', 'not-a-key', REFILL)).status).toBe(401);
    expect((await request(running.base, 'POST', '/api/intake/tasks', REFILL)).status).toBe(401);
    // A session token is not a key.
    expect((await withKey('POST', '/api/intake/tasks', admin.token, REFILL)).status).toBe(401);
    // Refused before the body is read: a large body without a key is answered 401 all the same.
    expect((await request(running.base, 'POST', '/api/intake/tasks', 'x'.repeat(2_000_000))).status).toBe(401);
    const actions = (await audit()).filter((e) => e.docId === apiKey.id).map((e) => e.action);
    expect(actions).toEqual(['api_key_created', 'api_key_rotated', 'api_key_revoked']);
  });
});
