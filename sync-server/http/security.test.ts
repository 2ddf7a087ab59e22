// Sessions, revocation, sign-in limits and the audit entries of sign-in, sign-out and lock,
// against a real listening server on SQLite and on PostgreSQL. Enrollment: enrollment.test.ts; the
// audit export: audit-export.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatonServer } from '../app';
import { newTaskDoc, request } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { eventually } from '../../tests/support/node-workstation';

describe.each(['sqlite', 'postgres'] as const)('security API on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let base: string;

  const call = (method: string, url: string, body?: unknown, token?: string) => request(base, method, url, body, token);
  const login = (username: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/api/auth/login', { username, password: 'baton-demo', workstationId: `ws-${username}`, ...extra });
  const auditSince = async (afterId: number) => server.storage.readAudit({ afterId, limit: 100_000 });
  const lastAuditId = async () => (await auditSince(0)).at(-1)?.id ?? 0;

  /** Opens an event stream; `closed` resolves when the server ends it. */
  const openStream = async (token: string) => {
    const response = await fetch(`${base}/api/sync/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const closed = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })().catch(() => true);
    let ended = false;
    void closed.then(() => (ended = true));
    return { isClosed: () => ended, cancel: () => reader.cancel().catch(() => undefined) };
  };

  beforeAll(async () => {
    running = await startInProcess(
      kind,
      // Small address allowance so the per-address bound is testable; person+address pairs keep the default 5.
      {
        signInLimits: {
          perPair: { limit: 5, windowMs: 300_000 },
          perUser: { limit: 20, windowMs: 3_600_000 },
          perAddress: { limit: 12, windowMs: 300_000 },
        },
      },
      { BATON_SLA_AUTOMATION: '0' },
    );
    ({ server, base } = running);
  });
  afterAll(async () => {
    await running?.close();
  });

  describe('sessions', () => {
    it('sign-in keeps token and user, and adds a refresh token, the access lifetime (15 minutes by default) and whether the password is temporary', async () => {
      const ok = await login('frontdesk');
      expect(ok.status).toBe(200);
      expect(Object.keys(ok.body).sort()).toEqual(['expiresIn', 'keySecret', 'passwordTemporary', 'refreshToken', 'token', 'user']);
      expect(ok.body.passwordTemporary).toBe(false);
      expect(ok.body.user).toEqual({
        id: 'u-frontdesk',
        username: 'frontdesk',
        displayName: 'Maria Lopez',
        roles: ['front_desk'],
        role: 'front_desk',
        locationIds: ['loc-main'],
      });
      expect(ok.body.expiresIn).toBe(900);
      const [, payload] = ok.body.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(900);
      expect(claims.ws).toBe('ws-frontdesk');
      expect(claims.wse).toBe(false);
    });

    it('refresh rotates: the new pair works, the used refresh token does not, and reusing it ends the session', async () => {
      const first = (await login('billing')).body;
      const refreshed = await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
      expect(refreshed.body.expiresIn).toBe(900);
      expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, refreshed.body.token)).status).toBe(200);
      // Same session: the old access token keeps working until it expires.
      expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, first.token)).status).toBe(200);

      const before = await lastAuditId();
      const replay = await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      expect(replay.body.error).toBe('unauthorized');
      // A copied refresh token ends the session for both holders.
      expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, refreshed.body.token)).status).toBe(401);
      expect((await call('POST', '/api/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
      expect((await auditSince(before)).map((e) => e.action)).toEqual(['session_revoked']);

      expect((await call('POST', '/api/auth/refresh', { refreshToken: 'garbage' })).status).toBe(401);
      expect((await call('POST', '/api/auth/refresh', {})).status).toBe(400);
    });

    it('revoking a session closes its stream within 5 s and refuses its next pull and push with 401', async () => {
      const admin = (await login('admin')).body;
      const user = (await login('referrals')).body;
      const other = (await login('referrals', { workstationId: 'ws-other' })).body;
      const stream = await openStream(user.token);
      const otherStream = await openStream(other.token);
      await eventually(() => server.hub.openSessions().length >= 2, 5_000, 'streams open');

      const sessions = await call('GET', '/api/admin/sessions', undefined, admin.token);
      expect(sessions.status).toBe(200);
      const target = sessions.body.find(
        (s: { userId: string; workstationId: string }) => s.userId === 'u-referrals' && s.workstationId === 'ws-referrals',
      );
      expect(target).toBeDefined();

      const revoked = await call('POST', `/api/admin/sessions/${target.id}/revoke`, {}, admin.token);
      expect(revoked.status).toBe(200);
      await eventually(stream.isClosed, 5_000, 'the revoked session’s stream to close');
      expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, user.token)).status).toBe(401);
      expect((await call('POST', '/api/sync/tasks/push', [{ newDocumentState: newTaskDoc() }], user.token)).status).toBe(401);
      expect((await call('POST', '/api/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(401);
      // The same user's other session is untouched.
      expect(otherStream.isClosed()).toBe(false);
      expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, other.token)).status).toBe(200);
      await otherStream.cancel();

      expect((await call('POST', '/api/admin/sessions/no-such-session/revoke', {}, admin.token)).status).toBe(404);
      expect((await call('POST', `/api/admin/sessions/${target.id}/revoke`, {}, other.token)).status).toBe(403);
    });

    it('a session revoked behind this instance’s back (another instance) closes its stream within 5 s', async () => {
      const user = (await login('clinician')).body;
      const stream = await openStream(user.token);
      const [, payload] = user.token.split('.');
      const { sid } = JSON.parse(Buffer.from(payload, 'base64url').toString());
      await server.storage.revokeSessions({ id: sid }, new Date().toISOString());
      await eventually(stream.isClosed, 5_000, 'the stream to close');
      expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, user.token)).status).toBe(401);
    });

    it('deactivating a user closes all their streams within 5 s, refuses push, pull and sign-in; activating lets them sign in again', async () => {
      const admin = (await login('admin')).body;
      const user = (await login('clinicalsupport')).body;
      const second = (await login('clinicalsupport', { workstationId: 'ws-2' })).body;
      const streams = [await openStream(user.token), await openStream(second.token)];
      const before = await lastAuditId();

      expect((await call('POST', '/api/admin/users/u-clinicalsupport/deactivate', {}, user.token)).status).toBe(403);
      expect((await call('POST', '/api/admin/users/u-clinicalsupport/deactivate', {}, admin.token)).status).toBe(200);
      await eventually(() => streams.every((s) => s.isClosed()), 5_000, 'both streams to close');
      for (const token of [user.token, second.token]) {
        expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, token)).status).toBe(401);
        expect((await call('POST', '/api/sync/tasks/push', [{ newDocumentState: newTaskDoc() }], token)).status).toBe(401);
      }
      expect((await login('clinicalsupport')).status).toBe(401);
      const entries = await auditSince(before);
      expect(entries.find((e) => e.action === 'user_deactivated')).toMatchObject({ actorId: 'u-admin', docId: 'u-clinicalsupport' });

      expect((await call('POST', '/api/admin/users/u-admin/deactivate', {}, admin.token)).status).toBe(400);
      expect((await call('POST', '/api/admin/users/u-nobody/deactivate', {}, admin.token)).status).toBe(404);
      expect((await call('POST', '/api/admin/users/u-clinicalsupport/activate', {}, admin.token)).status).toBe(200);
      expect((await login('clinicalsupport')).status).toBe(200);
    });
  });

  describe('audit entries for sign-in, sign-out, lock and unlock', () => {
    it('records each, with the workstation marked unenrolled, and sign-out ends the session', async () => {
      const before = await lastAuditId();
      expect((await call('POST', '/api/auth/login', { username: 'manager', password: 'wrong', workstationId: 'ws-m' })).status).toBe(401);
      const session = (await login('manager')).body;
      expect((await call('POST', '/api/auth/lock', { reason: 'inactivity' }, session.token)).status).toBe(200);
      expect((await call('POST', '/api/auth/unlock', { method: 'pin' }, session.token)).status).toBe(200);
      expect((await call('POST', '/api/auth/lock', { reason: 'sleepy' }, session.token)).status).toBe(400);
      expect((await call('POST', '/api/auth/lock', {})).status).toBe(401);
      expect((await call('POST', '/api/auth/logout', {}, session.token)).status).toBe(200);
      expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, session.token)).status).toBe(401);
      expect((await call('POST', '/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);

      const entries = await auditSince(before);
      expect(entries.map((e) => [e.action, e.actorId, e.workstationId, e.reason])).toEqual([
        ['sign_in_failed', 'u-manager', 'unverified:ws-m', 'wrong password'],
        ['sign_in', 'u-manager', 'unenrolled:ws-manager', ''],
        ['lock', 'u-manager', 'unenrolled:ws-manager', 'inactivity'],
        ['unlock', 'u-manager', 'unenrolled:ws-manager', 'pin'],
        ['sign_out', 'u-manager', 'unenrolled:ws-manager', ''],
      ]);
    });

    it('signs out with the refresh token when the access token is no longer accepted', async () => {
      const session = (await login('manager', { workstationId: 'ws-late' })).body;
      const out = await call('POST', '/api/auth/logout', { refreshToken: session.refreshToken }, 'expired.or.bad');
      expect(out.status).toBe(200);
      expect((await call('POST', '/api/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
      expect((await call('POST', '/api/auth/logout', { refreshToken: session.refreshToken })).status).toBe(401);
    });
  });

  describe('sign-in rate limit', () => {
    it('refuses a username after 5 failures with 429, Retry-After and a message, even with the right password', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await call('POST', '/api/auth/login', { username: 'Billing', password: `wrong-${i}` })).status).toBe(401);
      }
      const limited = await login('billing');
      expect(limited.status).toBe(429);
      expect(limited.body.error).toBe('too_many_attempts');
      expect(limited.body.message).toMatch(/Too many failed sign-ins for this username from this computer\. Try again in \d+ minutes?\./);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(300);
      // Another user at the same address is not affected (below the address bound).
      expect((await login('frontdesk')).status).toBe(200);
    });

    it('refuses an address after its higher bound of failures, whatever the username', async () => {
      let status = 0;
      const names: string[] = [];
      for (let i = 0; i < 20 && status !== 429; i++) {
        names.push(`nobody-${i}`);
        status = (await call('POST', '/api/auth/login', { username: `nobody-${i}`, password: 'x' })).status;
      }
      expect(status).toBe(429);
      // Fewer than 5 tries per name: only the address bound can have stopped them.
      const limited = await login('referrals');
      expect(limited.status).toBe(429);
      expect(limited.body.message).toContain('this computer');
    });
  });
});
