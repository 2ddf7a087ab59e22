// Rolling out workstations through the API, as a deployment script and an admin's tools use it
// (no UI), on SQLite and PostgreSQL, with enrollment required from day one: the first token comes
// from the server's command line, a location token enrolls one workstation per use (also when
// the uses are raced), the admin lists workstations and revokes one (sign-ins refused, streams
// closed, its status answers "revoked"), and every step is audited without the token.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_VERSION_HEADER } from '../../shared/client-version';
import { AdminWorkstationList, EnrollmentTokenResponse } from '../../shared/workstation-admin';
import { EnrollResponse } from '../../shared/wire';
import type { BatonServer } from '../app';
import { request } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { enrollmentCodeHash } from '../auth/enrollment';
import { openEventStream } from '../../tests/support/event-stream';
import { eventually } from '../../tests/support/node-workstation';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function tokenCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'sync-server/admin/enrollment-token-cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, BATON_DATABASE_URL: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe.each(['sqlite', 'postgres'] as const)('workstation rollout API on %s', (kind) => {
  let server: BatonServer;
  let base: string;
  let pgUrl: string | undefined;
  let dataDir: string;

  const call = (method: string, url: string, body?: unknown, token?: string, headers: Record<string, string> = {}) =>
    request(base, method, url, body, token, headers);
  const enroll = (code: string, name: string) => call('POST', '/api/workstations/enroll', { code, name });
  type Enrolled = { workstationId: string; workstationSecret: string };
  const login = (username: string, ws: Enrolled | Record<string, never>, headers: Record<string, string> = {}) =>
    call('POST', '/api/auth/login', { username, password: 'baton-demo', ...ws }, undefined, headers);
  const auditSince = (afterId: number) => server.storage.readAudit({ afterId, limit: 100_000 });

  let running: InProcessServer | undefined;
  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_REQUIRE_ENROLLMENT: '1', BATON_SLA_AUTOMATION: '0' });
    ({ server, base, dataDir, pgUrl } = running);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('enrolls from day one, scripts a location, lists and revokes workstations, audited', { timeout: 120_000 }, async () => {
    // Enrollment required and nothing enrolled yet: the admin cannot sign in anywhere...
    expect((await login('admin', {})).body.error).toBe('enrollment_required');
    // ...so IT issues the first token on the server machine, with the server's own data settings.
    const env = { BATON_DATA_DIR: dataDir, ...(pgUrl ? { BATON_DATABASE_URL: pgUrl } : {}) };
    expect((await tokenCli(['--location', 'loc-main', '--uses', '0', '--days', '1'], env)).code).toBe(1);
    const cli = await tokenCli(['--location', 'loc-main', '--uses', '1', '--days', '1'], env);
    expect(cli.code, cli.err).toBe(0);
    const firstToken = cli.out.trim().split('\n').at(-1)!;
    expect(firstToken).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    const itDesk = EnrollResponse.parse((await enroll(firstToken, 'IT desk')).body);
    expect(itDesk.locationId).toBe('loc-main');
    expect((await enroll(firstToken, 'IT desk again')).body.error).toBe('invalid_enrollment_code');

    const adminLogin = await login('admin', itDesk, { [CLIENT_VERSION_HEADER]: '1.4.2' });
    expect(adminLogin.status).toBe(200);
    const admin = adminLogin.body.token as string;
    const manager = (await login('manager', itDesk)).body.token as string;

    // A location token: admins only, every field checked, nothing issued on a refusal.
    const good = { locationId: 'loc-main', maxUses: 3, expiresInDays: 7 };
    expect((await call('POST', '/api/admin/enrollment-tokens', good)).status).toBe(401);
    expect((await call('POST', '/api/admin/enrollment-tokens', good, manager)).status).toBe(403);
    for (const bad of [
      {},
      { ...good, maxUses: 0 },
      { ...good, maxUses: 2.5 },
      { ...good, expiresInDays: 0 },
      { ...good, expiresInDays: 365 },
      { ...good, extra: 1 },
      { ...good, locationId: '' },
    ]) {
      const answer = await call('POST', '/api/admin/enrollment-tokens', bad, admin);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.message).toBeTruthy();
    }
    expect((await call('POST', '/api/admin/enrollment-tokens', { ...good, locationId: 'loc-elsewhere' }, admin)).status).toBe(403);
    const before = (await auditSince(0)).at(-1)!.id;
    const issued = await call('POST', '/api/admin/enrollment-tokens', good, admin);
    expect(issued.status).toBe(200);
    const { token, maxUses, expiresAt, locationId } = EnrollmentTokenResponse.parse(issued.body);
    expect({ maxUses, locationId }).toEqual({ maxUses: 3, locationId: 'loc-main' });
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    // Six workstations race for three uses: exactly three get in, each once.
    const raced = await Promise.all(['Front 1', 'Front 2', 'Front 3', 'Front 4', 'Front 5', 'Front 6'].map((name) => enroll(token, name)));
    const winners = raced.filter((r) => r.status === 200).map((r) => EnrollResponse.parse(r.body));
    expect(winners).toHaveLength(3);
    expect(new Set(winners.map((w) => w.workstationId)).size).toBe(3);
    expect(raced.filter((r) => r.status === 400).every((r) => r.body.error === 'invalid_enrollment_code')).toBe(true);
    expect((await enroll(token, 'Front 7')).status).toBe(400);

    // An expired token enrolls nothing.
    const past = new Date(Date.now() - 1000).toISOString();
    await server.storage.insertEnrollmentToken({
      codeHash: enrollmentCodeHash('OLD0-OLD0-OLD0-OLD0-OLD0-OLD0'),
      locationId: 'loc-main',
      createdBy: 'u-admin',
      createdAt: past,
      expiresAt: past,
      maxUses: 5,
    });
    expect((await enroll('OLD0-OLD0-OLD0-OLD0-OLD0-OLD0', 'Late')).status).toBe(400);

    // The list: admins only; no secret; last contact and release of the one that signed in.
    expect((await call('GET', '/api/admin/workstations')).status).toBe(401);
    expect((await call('GET', '/api/admin/workstations', undefined, manager)).status).toBe(403);
    const listed = await call('GET', '/api/admin/workstations', undefined, admin);
    const list = AdminWorkstationList.parse(listed.body);
    expect(list.map((w) => w.name).sort()).toEqual(
      ['IT desk', ...winners.map((w) => list.find((l) => l.id === w.workstationId)!.name)].sort(),
    );
    expect(list).toHaveLength(4);
    expect(JSON.stringify(listed.body)).not.toMatch(/secret/i);
    const itRow = list.find((w) => w.id === itDesk.workstationId)!;
    expect(itRow).toMatchObject({ name: 'IT desk', locationId: 'loc-main', appVersion: '1.4.2', revokedAt: null });
    expect(itRow.lastSeenAt).not.toBeNull();
    expect(list.find((w) => w.id === winners[0].workstationId)).toMatchObject({ lastSeenAt: null, appVersion: null });

    // Revocation: sign-ins refused at once, the open stream closed, the status says so.
    const front = { workstationId: winners[0].workstationId, workstationSecret: winners[0].workstationSecret };
    const frontDesk = await login('frontdesk', front);
    expect(frontDesk.status).toBe(200);
    expect((await call('POST', '/api/workstations/status', front)).body).toEqual({ status: 'active' });
    const stream = await openEventStream(base, frontDesk.body.token);
    expect((await call('POST', `/api/admin/workstations/${front.workstationId}/revoke`, undefined, manager)).status).toBe(403);
    expect((await call('POST', '/api/admin/workstations/ws-nobody/revoke', undefined, admin)).status).toBe(404);
    const revoked = await call('POST', `/api/admin/workstations/${front.workstationId}/revoke`, undefined, admin);
    expect(revoked.body).toEqual({ ok: true, revokedSessions: 1 });
    await eventually(stream.isClosed, 30_000, 'the revoked workstation’s stream to close');
    expect((await call('GET', '/api/sync/tasks/pull?limit=1', undefined, frontDesk.body.token)).status).toBe(401);
    expect((await call('POST', '/api/auth/refresh', { refreshToken: frontDesk.body.refreshToken })).status).toBe(401);
    const refused = await login('frontdesk', front);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('workstation_revoked');
    expect((await call('POST', '/api/workstations/status', front)).body).toEqual({ status: 'revoked' });
    expect((await call('POST', '/api/workstations/status', { ...front, workstationSecret: 'not-it' })).status).toBe(401);
    expect((await call('POST', '/api/workstations/status', { workstationId: front.workstationId })).status).toBe(400);
    // The others keep working; revoking twice changes nothing.
    expect((await login('frontdesk', winners[1])).status).toBe(200);
    expect((await call('POST', `/api/admin/workstations/${front.workstationId}/revoke`, undefined, admin)).body).toEqual({
      ok: true,
      revokedSessions: 0,
    });
    expect(
      AdminWorkstationList.parse((await call('GET', '/api/admin/workstations', undefined, admin)).body).find(
        (w) => w.id === front.workstationId,
      )!.revokedAt,
    ).not.toBeNull();

    const entries = await auditSince(before);
    const actions = entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'enrollment_token_issued')).toHaveLength(1);
    expect(actions.filter((a) => a === 'workstation_enrolled')).toHaveLength(3);
    expect(actions.filter((a) => a === 'enroll_failed').length).toBeGreaterThanOrEqual(4);
    expect(entries.filter((e) => e.action === 'workstation_revoked').map((e) => [e.actorId, e.docId, e.after])).toEqual([
      [
        'u-admin',
        front.workstationId,
        { name: list.find((w) => w.id === front.workstationId)!.name, locationId: 'loc-main', revokedSessions: 1 },
      ],
    ]);
    expect(entries.some((e) => e.action === 'sign_in_failed' && e.reason === 'workstation revoked')).toBe(true);
    const all = JSON.stringify(await auditSince(0));
    expect(all).not.toContain(token);
    expect(all).not.toContain(firstToken);
    expect((await auditSince(0)).some((e) => e.action === 'enrollment_token_issued' && e.workstationId === 'admin-cli')).toBe(true);
    await stream.cancel();
  });
});
