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
      fetch(`${e2e.server.url}/api/workstations/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });
    const first = await enroll('Reception 3');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ locationId: 'loc-main' });
    expect((await enroll('Reception 4')).status).toBe(400);

    await expect.poll(() => section.sessionRows().filter({ hasText: 'ws-reception-3' }).count(), { timeout: 10_000 }).toBe(1);
    await section.revokeSessionOf('Maria Lopez');
    await expect.poll(() => section.sessionRows().filter({ hasText: 'ws-reception-3' }).count(), { timeout: 10_000 }).toBe(0);
    expect((await frontDesk.get('/api/sync/tasks/pull?limit=1')).status).toBe(401);

    const download = await section.exportAudit();
    const csv = await fs.readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/action/);
    expect(csv).toContain('enrollment_code_issued');
    expect(csv).toContain('workstation_enrolled');
    expect(csv).toContain('session_revoked');
    expect(ws.errors).toEqual([]);
  });
});
