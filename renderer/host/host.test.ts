import { describe, expect, it, vi } from 'vitest';
import type { BatonBridge } from '../../shared/ipc/bridge';
import { createActivityTracker, idleSecondsSource, openApprovalWindow, showBadgeCounts } from './capabilities';
import { createElectronHost } from './electron';
import { startLockTimer } from './lock-timer';
import { createWebHost } from './web';
import { memoryStorage } from '../keyring/memory-storage';

function fakeBridge(workstationId?: string): BatonBridge {
  return {
    bootstrap: { windowKind: 'approval', serverUrl: 'https://baton.local:8787', ...(workstationId ? { workstationId } : {}) },
    getWorkstationConfig: async () => ({ serverUrl: 'https://baton.local:8787', locationId: 'loc-main', idleLockSeconds: 300 }),
    notify: vi.fn(async () => null),
    notifyInbox: vi.fn(async () => null),
    setBadgeCounts: async () => null,
    getIdleSeconds: async () => 17,
    openApprovalWindow: vi.fn(async () => null),
    reportUpdateReadiness: async () => ({ version: '1.5.0', canRestart: true }),
    waitForUpdate: () => new Promise(() => undefined),
    restartToUpdate: vi.fn(async () => true),
  };
}

describe('Electron host', () => {
  it('takes the server and window from the bootstrap and the workstation id from enrollment', async () => {
    const host = createElectronHost(fakeBridge('ws-7'), memoryStorage());
    expect(host).toMatchObject({ kind: 'electron', serverUrl: 'https://baton.local:8787', windowKind: 'approval' });
    expect(host.getWorkstationId()).toBe('ws-7');
  });

  it('keeps a stable local id until the workstation is enrolled', () => {
    const storage = memoryStorage();
    const id = createElectronHost(fakeBridge(), storage).getWorkstationId();
    expect(createElectronHost(fakeBridge(), storage).getWorkstationId()).toBe(id);
  });
});

describe('capabilities with web fallbacks', () => {
  it('asks the desktop host, or counts page input on the web', async () => {
    expect(await idleSecondsSource(createElectronHost(fakeBridge(), memoryStorage()), { idleSeconds: () => 0 })()).toBe(17);
    let now = 0;
    const target = new EventTarget();
    const tracker = createActivityTracker(target, () => now);
    now = 65_000;
    expect(await idleSecondsSource(createWebHost(memoryStorage()), tracker)()).toBe(65);
    target.dispatchEvent(new Event('keydown'));
    expect(tracker.idleSeconds()).toBe(0);
    tracker.stop();
  });

  it('opens the approval window, or the route on the web', async () => {
    const bridge = fakeBridge();
    await openApprovalWindow(createElectronHost(bridge, memoryStorage()), { hash: '' });
    expect(bridge.openApprovalWindow).toHaveBeenCalled();
    const location = { hash: '' };
    await openApprovalWindow(createWebHost(memoryStorage()), location);
    expect(location.hash).toBe('#/approval');
  });

  it('shows the approval count in the page title on the web', async () => {
    const doc = { title: 'Baton' };
    await showBadgeCounts(createWebHost(memoryStorage()), { needsMyApproval: 3, overdue: 1 }, doc);
    expect(doc.title).toBe('(3) Baton');
    await showBadgeCounts(createWebHost(memoryStorage()), { needsMyApproval: 0, overdue: 1 }, doc);
    expect(doc.title).toBe('Baton');
  });
});

describe('lock timer', () => {
  it('locks once after the idle limit and re-arms after input', async () => {
    let tick: () => void = () => undefined;
    let idle = 0;
    const onLock = vi.fn();
    const stop = startLockTimer({
      getIdleSeconds: async () => idle,
      lockAfterSeconds: 300,
      onLock,
      setInterval: (fn) => (tick = fn),
      clearInterval: () => undefined,
    });
    const step = async (seconds: number) => {
      idle = seconds;
      tick();
      await new Promise((r) => setTimeout(r, 0));
    };
    await step(120);
    expect(onLock).not.toHaveBeenCalled();
    await step(300);
    await step(320);
    expect(onLock).toHaveBeenCalledTimes(1);
    await step(2);
    await step(301);
    expect(onLock).toHaveBeenCalledTimes(2);
    stop();
  });
});
