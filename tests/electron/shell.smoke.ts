// Smoke tests of the real desktop shell: windows, origin, bridge, hardening, setup screen, sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server-process';
import { signIn } from '../support/api';
import { launchBaton, runBatonCommand } from './launch';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { BATON_DEMO: '1' } });
});
afterAll(async () => {
  await server?.stop();
});

const machine = () => ({ version: 1, serverUrl: server.url, locationId: 'loc-main' });

describe('desktop shell', () => {
  it('opens the board from baton://app with the bridge and without Node', async () => {
    const { app } = await launchBaton({ machineConfig: machine() });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('baton://app/index.html');
      const probe = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { baton: object }).baton).sort(),
        bootstrap: (window as unknown as { baton: { bootstrap: unknown } }).baton.bootstrap,
      }));
      expect(probe).toMatchObject({
        require: 'undefined',
        process: 'undefined',
        bootstrap: { windowKind: 'board', serverUrl: server.url },
      });
      expect(probe.bridge).toEqual(expect.arrayContaining(['getIdleSeconds', 'reportUpdateReadiness', 'restartToUpdate', 'waitForUpdate']));
      await page.getByRole('form', { name: 'Sign in' }).waitFor();
    } finally {
      await app.close();
    }
  });

  it('serves the bundle with the CSP header and refuses paths outside it', async () => {
    const { app } = await launchBaton({ machineConfig: machine() });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      const answers = await page.evaluate(async () => {
        const index = await fetch('baton://app/index.html');
        const escape = await fetch('baton://app/assets/..%2f..%2f..%2fpackage.json');
        return { csp: index.headers.get('content-security-policy'), escape: escape.status };
      });
      expect(answers.csp).toContain(`connect-src 'self' ${server.url}`);
      expect(answers.escape).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('refuses bad IPC payloads and navigation away, and opens the approval window on request', async () => {
    const { app } = await launchBaton({ machineConfig: machine() });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      const refused = await page.evaluate(() =>
        (window as unknown as { baton: { notify(n: object): Promise<unknown> } }).baton
          .notify({ count: 1, queue: 'billing', patientRef: 'MRN 100234' })
          .then(
            () => 'accepted',
            (e: Error) => e.message,
          ),
      );
      expect(refused).toMatch(/patientRef/);
      await page.evaluate(() => window.location.assign('https://example.org/'));
      await page.waitForTimeout(500);
      expect(page.url().startsWith('baton://app/')).toBe(true);
      const [approval] = await Promise.all([
        app.waitForEvent('window'),
        page.evaluate(() => (window as unknown as { baton: { openApprovalWindow(): Promise<null> } }).baton.openApprovalWindow()),
      ]);
      expect(approval.url()).toBe('baton://app/index.html#/approval');
    } finally {
      await app.close();
    }
  });

  it('opens the approval window when launched with --approval', async () => {
    const { app } = await launchBaton({ machineConfig: machine(), args: ['--approval'] });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('baton://app/index.html#/approval');
    } finally {
      await app.close();
    }
  });

  it('shows the setup screen, naming the file, when the workstation file is missing or broken', async () => {
    for (const machineConfig of [null, '{ "version": 1,', { version: 1, serverUrl: 'ftp://x', locationId: 'loc-main' }]) {
      const { app, machineFile } = await launchBaton({ machineConfig });
      try {
        const page = await app.firstWindow();
        await page.getByText('Baton cannot start on this workstation yet').waitFor();
        expect(await page.textContent('body')).toContain(machineFile);
      } finally {
        await app.close();
      }
    }
  });

  it('signs in against the sync server (needs the server to allow the baton://app origin: CORS)', async () => {
    const { app } = await launchBaton({ machineConfig: machine() });
    try {
      const page = await app.firstWindow();
      await page.getByLabel('Username').fill('frontdesk');
      await page.getByLabel('Password').fill('baton-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The one-time PIN offer after a first sign-in on this workstation.
      await page.getByRole('button', { name: 'Not now' }).click({ timeout: 30_000 });
      await page.getByTestId('board').waitFor({ timeout: 30_000 });
    } finally {
      await app.close();
    }
  });

  it('enrolls from a deployment script with a location token: exit 0 and an enrolled file, then refused once the uses run out', async () => {
    const admin = await signIn(server.url, 'admin', 'ws-electron-smoke');
    const issued = await admin.post('/api/admin/enrollment-tokens', { locationId: 'loc-main', maxUses: 1, expiresInDays: 1 });
    expect(issued.status).toBe(200);
    const token = issued.body.token as string;

    const first = await runBatonCommand({ machineConfig: machine(), args: [`--enroll=${token}`, '--name=Front desk 9'] });
    expect(first.code, first.output).toBe(0);
    const workstationId = (first.machine as { enrollment?: { workstationId?: string } }).enrollment?.workstationId;
    expect(workstationId).toBeTruthy();
    const listed = await admin.get('/api/admin/workstations');
    expect(listed.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: workstationId, name: 'Front desk 9', locationId: 'loc-main' })]),
    );

    const second = await runBatonCommand({ machineConfig: machine(), args: [`--enroll=${token}`, '--name=Front desk 10'] });
    expect(second.code).not.toBe(0);
    expect(second.output.trim()).not.toBe('');
    expect((second.machine as { enrollment?: unknown }).enrollment).toBeUndefined();
  });
});
