import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_USER_SETTINGS } from '../../shared/ipc/schemas';
import { UserSettingsStore } from '../config/user-settings';
import { createIpcHandlers, type HandlerServices } from './handlers';

const caller = { windowId: 1 };

function services(notifications = true): HandlerServices {
  return {
    workstation: { serverUrl: 'https://baton.local', locationId: 'loc-main', idleLockSeconds: 300 },
    settings: new UserSettingsStore('/x', { ...DEFAULT_USER_SETTINGS, preferences: { notifications } }, async () => undefined),
    notify: vi.fn(),
    notifyInbox: vi.fn(),
    setBadgeCounts: vi.fn(),
    getSystemIdleSeconds: () => 42.7,
    openApprovalWindow: vi.fn(),
  };
}

describe('IPC handlers', () => {
  it('notify respects the user preference', async () => {
    const on = services(true);
    await createIpcHandlers(on).notify({ count: 2, queue: 'billing' }, caller);
    expect(on.notify).toHaveBeenCalledWith({ count: 2, queue: 'billing' });
    const off = services(false);
    await createIpcHandlers(off).notify({ count: 2, queue: 'billing' }, caller);
    expect(off.notify).not.toHaveBeenCalled();
  });

  it('notifyInbox passes the count on, and respects the user preference', async () => {
    const on = services(true);
    await createIpcHandlers(on).notifyInbox({ count: 3 }, caller);
    expect(on.notifyInbox).toHaveBeenCalledWith({ count: 3 });
    const off = services(false);
    await createIpcHandlers(off).notifyInbox({ count: 3 }, caller);
    expect(off.notifyInbox).not.toHaveBeenCalled();
  });

  it('reports whole idle seconds', async () => {
    const handlers = createIpcHandlers(services());
    expect(await handlers.getIdleSeconds(undefined, caller)).toBe(42);
  });
});
