import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import { registerIpcHandlers, type IpcHandlers, type InvokeEventLike } from './register';
import { isTrustedSender } from './sender';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function setup(overrides: Partial<IpcHandlers> = {}) {
  const listeners = new Map<string, Listener>();
  const handlers: IpcHandlers = {
    getWorkstationConfig: () => ({ serverUrl: 'https://baton.local', locationId: 'loc-main', idleLockSeconds: 300 }),
    notify: vi.fn(() => null),
    notifyInbox: vi.fn(() => null),
    setBadgeCounts: () => null,
    getIdleSeconds: () => 12,
    openApprovalWindow: () => null,
    reportUpdateReadiness: () => ({ version: null, canRestart: false }),
    waitForUpdate: () => ({ version: null, canRestart: false }),
    restartToUpdate: () => false,
    ...overrides,
  };
  const log = vi.fn();
  registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers, log);
  const app: InvokeEventLike = { senderFrame: { url: 'baton://app/#/approval', parent: null } };
  const call = (key: keyof IpcHandlers, event: InvokeEventLike, ...args: unknown[]) =>
    listeners.get(IPC_CHANNELS[key].name)!(event, ...args);
  return { listeners, handlers, log, app, call };
}

describe('IPC registration', () => {
  it('registers every channel of the table', () => {
    expect([...setup().listeners.keys()].sort()).toEqual(
      Object.values(IPC_CHANNELS)
        .map((c) => c.name)
        .sort(),
    );
  });

  it('answers a valid call from the app', async () => {
    const { call, app, handlers } = setup();
    expect(await call('getIdleSeconds', app)).toBe(12);
    expect(await call('notify', app, { count: 3, queue: 'clinician' })).toBeNull();
    // The inbox notice is a count only: a title (PHI) is refused before any handler runs.
    await expect(call('notifyInbox', app, { count: 2, title: 'Jane Roe' })).rejects.toThrow(/baton:notify-inbox: invalid request/);
    expect(handlers.notifyInbox).not.toHaveBeenCalled();
    expect(handlers.notify).toHaveBeenCalledWith({ count: 3, queue: 'clinician' }, { windowId: -1 });
  });

  it('tells a handler which window called (updates wait for every window)', async () => {
    const reportUpdateReadiness = vi.fn(() => ({ version: null, canRestart: false }));
    const { call, app } = setup({ reportUpdateReadiness });
    const readiness = { dialogOpen: false, pendingUploads: 0, updateRequired: false };
    await call('reportUpdateReadiness', { ...app, sender: { id: 7 } }, readiness);
    expect(reportUpdateReadiness).toHaveBeenCalledWith(readiness, { windowId: 7 });
    await expect(call('reportUpdateReadiness', app, { ...readiness, pendingUploads: -1 })).rejects.toThrow(/invalid request/);
  });

  it.each([
    ['a web page', { url: 'https://evil.example/', parent: null }],
    ['a data: page', { url: 'data:text/html,hi', parent: null }],
    ['a frame inside our page', { url: 'baton://app/', parent: {} }],
    ['another baton host', { url: 'baton://evil/', parent: null }],
    ['no frame', null],
  ])('refuses %s as sender', async (_label, senderFrame) => {
    const { call, log } = setup();
    await expect(call('notify', { senderFrame }, { count: 1, queue: 'billing' })).rejects.toThrow(/not a Baton page/);
    expect(log).toHaveBeenCalled();
  });

  it('refuses bad payloads with a clear error that names the field, not the value', async () => {
    const { call, app, handlers } = setup();
    await expect(call('notify', app, { count: 'many', queue: 'clinician' })).rejects.toThrow(/baton:notify: invalid request: count/);
    const withPhi = call('notify', app, { count: 1, queue: 'clinician', patientRef: 'MRN 100234 J.D.' });
    await expect(withPhi).rejects.toThrow(/Unrecognized key.*patientRef/);
    await expect(withPhi).rejects.not.toThrow(/100234/);
    await expect(call('notify', app, { queue: 'billing' })).rejects.toThrow(/count/);
    await expect(call('getIdleSeconds', app, 'extra')).rejects.toThrow(/invalid request/);
    await expect(call('notify', app, { count: 1, queue: 'x' }, 'second')).rejects.toThrow(/one argument/);
    expect(handlers.notify).not.toHaveBeenCalled();
  });

  it('refuses to send an answer that breaks its own schema', async () => {
    const { call, app } = setup({ getIdleSeconds: () => -1 });
    await expect(call('getIdleSeconds', app)).rejects.toThrow(/invalid answer/);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of baton://app', () => {
    expect(isTrustedSender({ url: 'baton://app/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'baton://app.evil/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', parent: null })).toBe(false);
  });
});
