// Sessions, revocation, sign-in limits, enrollment, the audit export and the audit entries of
// sign-in, sign-out and lock, against a real listening server on SQLite and on PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../app';
import { loadConfig } from '../config';
import { newTaskDoc } from '../../tests/support/api';
import { eventually } from '../../tests/support/node-workstation';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';

interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

describe.each(['sqlite', 'postgres'] as const)('security API on %s', (kind) => {
  let server: BatonServer;
  let base: string;
  let pgUrl: string | undefined;

  const call = async (method: string, url: string, body?: unknown, token?: string): Promise<Reply> => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
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
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-security-'));
    pgUrl = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    server = await createServer(
      loadConfig({
        BATON_DATA_DIR: dataDir,
        BATON_DEMO: '1',
        BATON_STATIC_DIR: '/nonexistent',
        BATON_SLA_AUTOMATION: '0',
        ...(pgUrl ? { BATON_DATABASE_URL: pgUrl } : {}),
      }),
      // Small address allowance so the per-address bound is testable; person+address pairs keep the default 5.
      {
        signInLimits: {
          perPair: { limit: 5, windowMs: 300_000 },
          perUser: { limit: 20, windowMs: 3_600_000 },
          perAddress: { limit: 12, windowMs: 300_000 },
        },
      },
    );
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    if (pgUrl) await dropPostgresDatabase(pgUrl);
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

describe('workstation enrollment and the audit export', () => {
  let server: BatonServer;
  let base: string;
  const post = async (url: string, body: unknown, token?: string) => {
    const response = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const get = (url: string, token?: string) => fetch(`${base}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const login = (username: string, extra: Record<string, unknown> = {}) =>
    post('/api/auth/login', { username, password: 'baton-demo', ...extra });

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-enroll-'));
    server = await createServer(
      loadConfig({ BATON_DATA_DIR: dataDir, BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_SLA_AUTOMATION: '0' }),
    );
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
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

    const before = (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).at(-1)!.id;
    const session = await login('frontdesk', { workstationId, workstationSecret });
    expect(session.status).toBe(200);
    const doc = newTaskDoc({ title: 'From an enrolled workstation' });
    expect((await post('/api/sync/tasks/push', [{ newDocumentState: doc }], session.body.token)).body).toEqual([]);
    const entries = await server.storage.readAudit({ afterId: before, limit: 100 });
    expect(entries.map((e) => [e.action, e.workstationId])).toEqual([
      ['sign_in', workstationId],
      ['create', workstationId],
    ]);

    // The enrolled id without its secret, or with a wrong one, is someone borrowing its name.
    expect((await login('frontdesk', { workstationId })).status).toBe(401);
    const wrong = await login('frontdesk', { workstationId, workstationSecret: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_workstation');
    expect((await post('/api/workstations/enroll', { code: 'AAAA-BBBB-CCCC', name: 'Guess' })).status).toBe(400);
  });

  it('exports a date range as CSV to admins only, with proper quoting', async () => {
    const admin = (await login('admin')).body;
    const frontdesk = (await login('frontdesk')).body;
    const tricky = newTaskDoc({ title: 'Quote " comma , and\nnewline' });
    await post('/api/sync/tasks/push', [{ newDocumentState: tricky }], frontdesk.token);
    const today = new Date().toISOString().slice(0, 10);

    expect((await get(`/api/admin/audit.csv?from=${today}&to=${today}`, frontdesk.token)).status).toBe(403);
    expect((await get(`/api/admin/audit.csv?from=${today}&to=${today}`)).status).toBe(401);
    expect((await get(`/api/admin/audit.csv?from=banana&to=${today}`, admin.token)).status).toBe(400);
    expect((await get(`/api/admin/audit.csv?from=${today}`, admin.token)).status).toBe(400);

    const response = await get(`/api/admin/audit.csv?from=${today}&to=${today}`, admin.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'id',
      'at',
      'actor_id',
      'workstation_id',
      'action',
      'collection',
      'doc_id',
      'before',
      'after',
      'reason',
      'prev_hash',
      'hash',
    ]);
    const stored = await server.storage.readAudit({ afterId: 0, limit: 100_000 });
    // Everything so far, the export's own entry (written first) included.
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(stored.map((e) => e.id));
    expect(rows.at(-1)![4]).toBe('audit_export');
    const row = rows.find((r) => r[6] === tricky.id && r[4] === 'create')!;
    expect(JSON.parse(row[8]).title).toBe('Quote " comma , and\nnewline');
    expect(row[11]).toBe(stored.find((e) => e.docId === tricky.id && e.action === 'create')!.hash);

    // A range before any entry has only the header; the export itself is audited.
    const empty = await (await get('/api/admin/audit.csv?from=2001-01-01&to=2001-01-02', admin.token)).text();
    expect(parseCsv(empty)).toHaveLength(1);
    expect((await server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter((e) => e.action === 'audit_export')).toHaveLength(2);
  });

  it('no API route changes or deletes audit entries', () => {
    const routes = server.app.printRoutes({ commonPrefix: false });
    expect(routes).not.toMatch(/audit[^\n]*\((?:[^)]*)(PUT|PATCH|DELETE|POST)/);
    expect(routes).toMatch(/audit\.csv \(GET, HEAD\)/);
  });
});

/** A strict RFC 4180 reader, so the test does not trust the writer's own helper. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('BATON_REQUIRE_ENROLLMENT=1', () => {
  it('refuses sign-in from an unenrolled workstation and accepts an enrolled one', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-require-'));
    const server = await createServer(
      loadConfig({
        BATON_DATA_DIR: dataDir,
        BATON_DEMO: '1',
        BATON_STATIC_DIR: '/nonexistent',
        BATON_SLA_AUTOMATION: '0',
        BATON_REQUIRE_ENROLLMENT: '1',
      }),
    );
    try {
      const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const post = async (url: string, body: unknown, token?: string) => {
        const response = await fetch(`${base}${url}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      };
      const refused = await post('/api/auth/login', { username: 'admin', password: 'baton-demo', workstationId: 'ws-random' });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('enrollment_required');
      // The refusal does not depend on the password, so it reveals nothing about it.
      expect((await post('/api/auth/login', { username: 'admin', password: 'wrong', workstationId: 'ws-random' })).body.error).toBe(
        'enrollment_required',
      );

      // Bootstrapping: an admin's enrollment code is stored through the same path the API uses.
      const { issueEnrollmentCode } = await import('../auth/enrollment');
      const { code } = await issueEnrollmentCode(server.storage, 'loc-main', 'u-admin');
      const enrolled = await post('/api/workstations/enroll', { code, name: 'Exam room PC' });
      expect(enrolled.status).toBe(200);
      const ok = await post('/api/auth/login', { username: 'admin', password: 'baton-demo', ...enrolled.body });
      expect(ok.status).toBe(200);
      const [, payload] = ok.body.token.split('.');
      expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ ws: enrolled.body.workstationId, wse: true });
    } finally {
      await server.close();
    }
  });
});
