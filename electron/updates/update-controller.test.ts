// The update logic with a stand-in for electron-updater's AppUpdater (same members): the feed and
// header it sets, the restart possible only while every window is at a safe moment (no dialog,
// nothing waiting to upload unless the server refuses this release), and the long wait's answers.
import { describe, expect, it } from 'vitest';
import { standInUpdater as fakeUpdater } from './stand-in-updater';
import { createUpdateController } from './update-controller';

const calm = { dialogOpen: false, pendingUploads: 0, updateRequired: false };
const installs = (calls: string[]) => calls.filter((c) => c.startsWith('install'));

describe('update controller', () => {
  it('points electron-updater at the clinic server’s channel and names the workstation', async () => {
    const fake = fakeUpdater();
    const controller = createUpdateController({
      updater: fake.updater,
      serverUrl: 'https://baton.clinic',
      channel: 'stable',
      workstationId: 'ws-7',
    });
    expect(fake.calls).toEqual(['feed generic https://baton.clinic/updates/stable']);
    expect(fake.updater).toMatchObject({
      requestHeaders: { 'x-baton-workstation': 'ws-7' },
      autoDownload: true,
      autoInstallOnAppQuit: true,
    });
    await controller.check();
    expect(fake.calls).toContain('check');
    const unenrolled = fakeUpdater();
    createUpdateController({ updater: unenrolled.updater, serverUrl: 'https://b', channel: 'beta', workstationId: undefined });
    expect(unenrolled.updater.requestHeaders).toBeNull();
  });

  it('offers the restart only when every window is calm, and never restarts mid-dialog or with changes waiting', () => {
    const fake = fakeUpdater();
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://b', channel: 'stable', workstationId: 'ws-1' });
    expect(controller.report(1, calm)).toEqual({ version: null, canRestart: false });
    expect(controller.restart()).toBe(false);
    fake.download('1.5.0');
    expect(controller.status()).toEqual({ version: '1.5.0', canRestart: true });
    // The approval window opens a dialog: neither window may restart.
    expect(controller.report(2, { ...calm, dialogOpen: true })).toEqual({ version: '1.5.0', canRestart: false });
    expect(controller.restart()).toBe(false);
    controller.report(2, calm);
    // A change saved offline waits to upload: kept back until the server has it.
    expect(controller.report(1, { ...calm, pendingUploads: 2 }).canRestart).toBe(false);
    expect(controller.restart()).toBe(false);
    expect(installs(fake.calls)).toEqual([]);
    controller.report(1, calm);
    expect(controller.restart()).toBe(true);
    expect(installs(fake.calls)).toEqual(['install false true']);
  });

  it('a server that refuses this release lets it restart with changes waiting (they upload after the update) and checks at once', () => {
    const fake = fakeUpdater();
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://b', channel: 'stable', workstationId: 'ws-1' });
    controller.report(1, { ...calm, pendingUploads: 3, updateRequired: true });
    expect(fake.calls.filter((c) => c === 'check')).toHaveLength(1);
    controller.report(1, { ...calm, pendingUploads: 3, updateRequired: true });
    expect(fake.calls.filter((c) => c === 'check')).toHaveLength(1);
    fake.download('2.0.0');
    expect(controller.status()).toEqual({ version: '2.0.0', canRestart: true });
    // Still never with a dialog open.
    expect(controller.report(1, { dialogOpen: true, pendingUploads: 3, updateRequired: true }).canRestart).toBe(false);
  });

  it('a closed window no longer holds the restart back', () => {
    const fake = fakeUpdater();
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://b', channel: 'stable', workstationId: 'ws-1' });
    fake.download('1.5.0');
    controller.report(2, { ...calm, dialogOpen: true });
    expect(controller.status().canRestart).toBe(false);
    controller.forget(2);
    expect(controller.status().canRestart).toBe(true);
  });

  it('the long wait answers when the status changes, at once when it already differs', async () => {
    const fake = fakeUpdater();
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://b', channel: 'stable', workstationId: 'ws-1' });
    const none = { version: null, canRestart: false };
    let answered: unknown;
    const wait = controller.waitForChange(none).then((s) => (answered = s));
    controller.report(1, calm);
    await Promise.resolve();
    expect(answered).toBeUndefined();
    fake.download('1.5.0');
    await wait;
    expect(answered).toEqual({ version: '1.5.0', canRestart: true });
    await expect(controller.waitForChange(none)).resolves.toEqual({ version: '1.5.0', canRestart: true });
    const next = controller.waitForChange({ version: '1.5.0', canRestart: true });
    controller.report(1, { ...calm, dialogOpen: true });
    await expect(next).resolves.toEqual({ version: '1.5.0', canRestart: false });
  });

  it('a failed check is quiet (offline-first)', async () => {
    const fake = fakeUpdater();
    fake.updater.checkForUpdates = () => Promise.reject(new Error('offline'));
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://b', channel: 'stable', workstationId: 'ws-1' });
    await expect(controller.check()).resolves.toBeUndefined();
  });
});
