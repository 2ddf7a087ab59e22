// The update logic with a stand-in for electron-updater's AppUpdater (same members): the feed and
// header it sets, the offer only at a safe moment, once per release, and no restart mid-dialog.
import { describe, expect, it } from 'vitest';
import { createUpdateController, type Updater } from './update-controller';

function fakeUpdater() {
  const listeners: Array<(info: { version: string }) => void> = [];
  const calls: string[] = [];
  const updater: Updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    requestHeaders: null,
    setFeedURL: (o) => void calls.push(`feed ${o.provider} ${o.url}`),
    checkForUpdates: async () => void calls.push('check'),
    on: (_event, listener) => listeners.push(listener),
    quitAndInstall: (silent, runAfter) => void calls.push(`install ${silent} ${runAfter}`),
  };
  return { updater, calls, download: (version: string) => listeners.forEach((l) => l({ version })) };
}

describe('update controller', () => {
  it('points electron-updater at the clinic server’s channel and names the workstation', async () => {
    const fake = fakeUpdater();
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://baton.clinic', channel: 'stable', workstationId: 'ws-7', isSafeMoment: () => true, offerRestart: () => undefined });
    expect(fake.calls).toEqual(['feed generic https://baton.clinic/updates/stable']);
    expect(fake.updater).toMatchObject({ requestHeaders: { 'x-baton-workstation': 'ws-7' }, autoDownload: true, autoInstallOnAppQuit: true });
    await controller.check();
    expect(fake.calls).toContain('check');
  });

  it('offers the restart only when no dialog is open, once per release, and never restarts mid-dialog', () => {
    const fake = fakeUpdater();
    let dialogOpen = true;
    const offers: string[] = [];
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://b', channel: 'beta', workstationId: undefined, isSafeMoment: () => !dialogOpen, offerRestart: (v) => offers.push(v) });
    expect(fake.updater.requestHeaders).toBeNull();
    expect(controller.restart()).toBe(false);
    fake.download('1.5.0');
    expect(offers).toEqual([]);
    dialogOpen = false;
    controller.stateChanged();
    controller.stateChanged();
    expect(offers).toEqual(['1.5.0']);
    dialogOpen = true;
    expect(controller.restart()).toBe(false);
    expect(fake.calls.filter((c) => c.startsWith('install'))).toEqual([]);
    dialogOpen = false;
    expect(controller.restart()).toBe(true);
    expect(fake.calls.at(-1)).toBe('install false true');
    fake.download('1.5.1');
    expect(offers).toEqual(['1.5.0', '1.5.1']);
  });

  it('a failed check is quiet (offline-first)', async () => {
    const fake = fakeUpdater();
    fake.updater.checkForUpdates = () => Promise.reject(new Error('offline'));
    const controller = createUpdateController({ updater: fake.updater, serverUrl: 'https://b', channel: 'stable', workstationId: 'ws-1', isSafeMoment: () => true, offerRestart: () => undefined });
    await expect(controller.check()).resolves.toBeUndefined();
  });
});
