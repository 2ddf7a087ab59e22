// POST /api/auth/password on SQLite and PostgreSQL: a person changes their own password. The
// current one is checked (a wrong one changes nothing, is audited and counts against sign-in);
// afterwards the old password fails, the new one works, this session goes on and their other
// sessions end; the audit entry never holds a password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatonServer } from '../app';
import { login, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { LoginResponse } from '../../shared/wire';

describe.each(['sqlite', 'postgres'] as const)('changing one’s own password on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let base: string;

  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    ({ server, base } = running);
  });
  afterAll(async () => {
    await running?.close();
  });

  const loginStatus = async (username: string, password: string) =>
    (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
    ).status;
  const meStatus = async (token: string) => (await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;
  const auditSince = async (mark: number) => server.storage.readAudit({ afterId: mark, limit: 100 });
  const lastAuditId = async () => (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).at(-1)!.id;

  it('refuses a bad body, no token and a wrong current password, changing nothing', async () => {
    const api: Api = await signIn(base, 'billing');
    const mark = await lastAuditId();
    for (const body of [
      {},
      { currentPassword: 'baton-demo' },
      { currentPassword: 'baton-demo', newPassword: 'short' },
      { currentPassword: 'baton-demo', newPassword: 'a-long-enough-one', extra: 1 },
    ]) {
      expect((await api.post('/api/auth/password', body)).status, JSON.stringify(body)).toBe(400);
    }
    const same = await api.post('/api/auth/password', { currentPassword: 'baton-demo-long', newPassword: 'baton-demo-long' });
    expect(same.status).toBe(400);
    expect(JSON.stringify(same.body)).toContain('The new password must differ from the current one');
    expect((await api.post('/api/auth/password', { currentPassword: 'baton-demo', newPassword: 'a-long-enough-one' }, null)).status).toBe(
      401,
    );

    const wrong = await api.post('/api/auth/password', { currentPassword: 'not-the-password', newPassword: 'a-long-enough-one' });
    expect(wrong).toMatchObject({ status: 403, body: { error: 'wrong_password' } });
    expect(await loginStatus('billing', 'baton-demo')).toBe(200);
    expect(await loginStatus('billing', 'a-long-enough-one')).toBe(401);
    const failed = (await auditSince(mark)).filter((e) => e.action === 'password_change_failed');
    expect(failed.map((e) => [e.actorId, e.docId, e.reason])).toEqual([[api.userId, api.userId, 'wrong current password']]);
  });

  it('changes it: the old password fails, the new one works, this session goes on, the others end; audited without it', async () => {
    const api = await signIn(base, 'frontdesk', 'ws-front');
    const other = await login(base, 'frontdesk', 'ws-other');
    const someoneElse = await login(base, 'billing', 'ws-other');
    expect(await meStatus(other.token)).toBe(200);
    const mark = await lastAuditId();

    expect(await api.post('/api/auth/password', { currentPassword: 'baton-demo', newPassword: 'my own long passphrase' })).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect(await meStatus(api.token)).toBe(200);
    expect(await meStatus(other.token)).toBe(401);
    expect(await meStatus(someoneElse.token)).toBe(200);
    expect(await loginStatus('frontdesk', 'baton-demo')).toBe(401);
    expect(await loginStatus('frontdesk', 'my own long passphrase')).toBe(200);

    const entries = await auditSince(mark);
    const changed = entries.filter((e) => e.action === 'password_changed');
    expect(changed.map((e) => [e.actorId, e.docId, e.workstationId.endsWith('ws-front'), e.after])).toEqual([
      [api.userId, api.userId, true, { revokedSessions: 1 }],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/my own long passphrase|baton-demo|argon/);
  });

  it('replaces a temporary password an admin set: the sign-in answer says so until the person chose their own', async () => {
    const admin = await signIn(base, 'admin', 'ws-admin');
    expect((await admin.post('/api/admin/users/u-referrals/password', { password: 'temporary-from-admin' })).status).toBe(200);
    const signInAnswer = async (password: string) =>
      LoginResponse.parse(
        await (
          await fetch(`${base}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'referrals', password }),
          })
        ).json(),
      );
    const first = await signInAnswer('temporary-from-admin');
    expect(first.passwordTemporary).toBe(true);
    const own = await fetch(`${base}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
      body: JSON.stringify({ currentPassword: 'temporary-from-admin', newPassword: 'referrals own passphrase' }),
    });
    expect(own.status).toBe(200);
    expect((await signInAnswer('referrals own passphrase')).passwordTemporary).toBe(false);
  });
});
