// The admin's workstation tools in the browser, against a real server: issue an enrollment code
// that a workstation then uses, revoke a live session, and download the audit log as CSV.
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../support/api';
import { AdminPage } from './pages/AdminPage';
import { WorkstationsSection } from './pages/WorkstationsSection';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();

describe('workstations and audit (admin)', () => {
  it('issues an enrollment code a workstation can use once, revokes a session, exports the audit log', { timeout: 150_000 }, async () => {
    const frontDesk = await apiSignIn(e2e.server.url, 'frontdesk', 'ws-reception-3');
    expect((await frontDesk.get('/api/sync/tasks/pull?limit=1')).status).toBe(200);

    const { ws } = await e2e.signedIn('admin');
    const admin = new AdminPage(ws.page);
    await admin.open();
    await admin.tab('workstations');
    const section = new WorkstationsSection(ws.page);

    const code = await section.issueEnrollmentCode();
    expect(code.length).toBeGreaterThan(6);
    await expect.poll(() => section.enrollmentCommand().textContent()).toContain(`--enroll=${code}`);
    const enroll = (name: string) =>
      fetch(`${e2e.server.url}/api/workstations/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name }),
      });
    const first = await enroll('Reception 3');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ locationId: 'loc-main' });
    expect((await enroll('Reception 4')).status).toBe(400);

    await expect.poll(() => section.sessionRows().filter({ hasText: 'ws-reception-3' }).count(), { timeout: 10_000 }).toBe(1);
    await section.revokeSessionOf('Maria Lopez');
    await expect.poll(() => section.sessionRows().filter({ hasText: 'ws-reception-3' }).count(), { timeout: 10_000 }).toBe(0);
    expect((await frontDesk.get('/api/sync/tasks/pull?limit=1')).status).toBe(401);

    const download = await section.exportAudit();
    const csv = await fs.readFile(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/action/);
    expect(csv).toContain('enrollment_code_issued');
    expect(csv).toContain('workstation_enrolled');
    expect(csv).toContain('session_revoked');
    expect(ws.errors).toEqual([]);
  });
});

describe('rolling out workstations (admin)', () => {
  it(
    'creates a token shown once, lists and revokes an enrolled workstation after a confirmation, sets the update policy',
    { timeout: 150_000 },
    async () => {
      const { ws } = await e2e.signedIn('admin');
      const admin = new AdminPage(ws.page);
      await admin.open();
      await admin.tab('workstations');
      const section = new WorkstationsSection(ws.page);

      expect(await section.createEnrollmentToken('0', '7')).toBe('');
      await expect.poll(() => section.enrollmentTokenError().textContent()).toContain('1 to 10,000');
      const token = await section.createEnrollmentToken('2', '7');
      expect(token.length).toBeGreaterThan(10);
      const enroll = async (name: string) =>
        fetch(`${e2e.server.url}/api/workstations/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: token, name }),
        });
      const { workstationId, workstationSecret } = (await (await enroll('Reception 7')).json()) as {
        workstationId: string;
        workstationSecret: string;
      };
      const enrolled = { workstationId, workstationSecret };
      expect((await enroll('Reception 8')).status).toBe(200);
      expect((await enroll('Reception 9')).status).toBe(400);
      // A sign-in from it records when it was last seen and its release.
      const signInThere = () =>
        fetch(`${e2e.server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-baton-client-version': '1.4.2' },
          body: JSON.stringify({ username: 'frontdesk', password: 'baton-demo', ...enrolled }),
        });
      expect((await signInThere()).status).toBe(200);

      await section.refreshWorkstations();
      const row = section.workstationRow('Reception 7');
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('1.4.2');
      expect(await row.textContent()).toContain('Active');
      expect(await section.workstationRow('Reception 8').textContent()).toContain('—');

      await section.revokeWorkstation('Reception 7', false);
      expect(await row.textContent()).toContain('Active');
      await section.revokeWorkstation('Reception 7');
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Revoked');
      expect((await signInThere()).status).toBe(403);
      const status = await fetch(`${e2e.server.url}/api/workstations/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(enrolled),
      });
      expect(await status.json()).toEqual({ status: 'revoked' });

      expect(await section.updatePolicy()).toEqual({ channel: 'stable', version: '', rolloutPercent: '100' });
      await section.saveUpdatePolicy({ channel: 'beta', version: '', rolloutPercent: '150' });
      await expect.poll(() => section.updatePolicyMessage()).toContain('0 to 100');
      await section.saveUpdatePolicy({ channel: 'beta', version: '1.5.0-beta.2', rolloutPercent: '30' });
      await expect.poll(() => section.updatePolicyMessage()).toContain('Saved');
      const adminApi = await apiSignIn(e2e.server.url, 'admin', 'ws-it-check');
      expect((await adminApi.get('/api/admin/update-policy/loc-main')).body).toEqual({
        channel: 'beta',
        version: '1.5.0-beta.2',
        rolloutPercent: 30,
      });
      expect(ws.errors).toEqual([]);
    },
  );

  it('refuses every rollout call from a non-admin that skips the UI, changing nothing', { timeout: 60_000 }, async () => {
    const adminApi = await apiSignIn(e2e.server.url, 'admin', 'ws-it-2');
    const before = (await adminApi.get('/api/admin/update-policy/loc-main')).body;
    for (const username of ['frontdesk', 'manager', 'clinician']) {
      const api = await apiSignIn(e2e.server.url, username, `ws-${username}-rollout`);
      expect((await api.get('/api/admin/workstations')).status, username).toBe(403);
      expect(
        (await api.post('/api/admin/enrollment-tokens', { locationId: 'loc-main', maxUses: 5, expiresInDays: 7 })).status,
        username,
      ).toBe(403);
      expect((await api.post('/api/admin/workstations/ws-any/revoke', {})).status, username).toBe(403);
      expect((await api.get('/api/admin/update-policy/loc-main')).status, username).toBe(403);
      const put = await fetch(`${e2e.server.url}/api/admin/update-policy/loc-main`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
        body: JSON.stringify({ channel: 'beta', version: null, rolloutPercent: 1 }),
      });
      expect(put.status, username).toBe(403);
    }
    expect((await adminApi.get('/api/admin/update-policy/loc-main')).body).toEqual(before);
  });
});
