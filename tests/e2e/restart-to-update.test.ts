// "Restart to update" in the desktop app's renderer, in Chromium, through the IPC boundary: the
// page talks to the real main-process handlers and update controller (electron-updater stood in,
// as the Electron binary cannot run here). The offer appears once a release is downloaded, never
// while a dialog is open or a change waits to upload, and main refuses a restart the page asks for
// at such a moment even without the button.
import { describe, expect, it } from 'vitest';
import { standInUpdater } from '../../electron/updates/stand-in-updater';
import { createUpdateController } from '../../electron/updates/update-controller';
import { BoardPage } from './pages/BoardPage';
import { RestartToUpdateBanner } from './pages/RestartToUpdateBanner';
import { SignInPage } from './pages/SignInPage';
import { openWorkstation } from './support/browser';
import { asDesktopWindow, desktopMain } from './support/desktop-bridge';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();
const poll = { timeout: 30_000, interval: 200 };

describe('restart to update (desktop renderer)', () => {
  it('offers the downloaded release only at a safe moment and installs it on request', { timeout: 240_000 }, async () => {
    const fake = standInUpdater();
    const updates = createUpdateController({
      updater: fake.updater,
      serverUrl: e2e.server.url,
      channel: 'stable',
      workstationId: 'ws-e2e-update',
    });
    const main = desktopMain({ workstation: { serverUrl: e2e.server.url, locationId: 'loc-main', idleLockSeconds: 300 }, updates });
    const ws = await openWorkstation(e2e.browser);
    try {
      await asDesktopWindow(ws.page, main, 1, { serverUrl: e2e.server.url });
      const signIn = new SignInPage(ws.page);
      await signIn.goto(e2e.server.url);
      const banner = new RestartToUpdateBanner(ws.page);
      // Downloaded while nobody is signed in: offered at the sign-in screen already.
      fake.download('9.9.9');
      await expect.poll(() => banner.text(), poll).toContain('Baton 9.9.9 is ready');
      await signIn.signIn('frontdesk');
      const board = new BoardPage(ws.page);
      await board.waitReady();
      await expect.poll(() => board.syncStatus(), poll).toContain('Online');
      await expect.poll(() => banner.text(), poll).toContain('Baton 9.9.9 is ready');

      // A dialog opens: no offer, and main refuses the page's own call.
      const intake = await board.newTask();
      await expect.poll(() => banner.text(), poll).toBe('');
      expect(await banner.restartThroughBridge()).toBe(false);

      // Offline, the new task waits to upload: still no offer once the dialog is closed.
      await ws.context.setOffline(true);
      await expect.poll(() => board.syncStatus(), poll).toContain('Offline');
      await intake.create({
        title: `Refill question ${Math.random().toString(36).slice(2, 7)}`,
        type: 'Portal message',
        patientRef: 'MRN 100512 V.U.',
      });
      await expect.poll(() => board.pendingCount(), poll).toBeGreaterThanOrEqual(1);
      await expect.poll(() => updates.status().canRestart, poll).toBe(false);
      expect(await banner.text()).toBe('');
      expect(await banner.restartThroughBridge()).toBe(false);
      expect(fake.installs()).toEqual([]);

      // Uploaded: offered again. "Later" hides it until the next release.
      await ws.context.setOffline(false);
      await expect.poll(() => board.pendingCount(), { timeout: 60_000, interval: 250 }).toBe(0);
      await expect.poll(() => banner.text(), poll).toContain('Baton 9.9.9 is ready');
      await banner.later();
      await expect.poll(() => banner.text(), poll).toBe('');
      fake.download('9.9.10');
      await expect.poll(() => banner.text(), poll).toContain('Baton 9.9.10 is ready');
      await banner.restart();
      await expect.poll(() => fake.installs(), poll).toEqual(['install false true']);
      expect(main.log).toEqual([]);
      expect(ws.errors).toEqual([]);
    } finally {
      await ws.context.close();
    }
  });
});
