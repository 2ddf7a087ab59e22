// The desktop app's main process in a browser test, with only Electron itself stood in: the page
// gets `window.baton` as the preload builds it (one function per IPC channel), and every call goes
// through Playwright to the real main-process code in this test process (registerIpcHandlers'
// checks, createIpcHandlers, the update controller). The Electron binary cannot run here.
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { IPC_CHANNELS, type ChannelKey } from '../../../shared/ipc/channels';
import { DEFAULT_USER_SETTINGS, type WorkstationInfo } from '../../../shared/ipc/schemas';
import { UserSettingsStore } from '../../../electron/config/user-settings';
import { createIpcHandlers, type HandlerServices } from '../../../electron/ipc/handlers';
import { registerIpcHandlers, type InvokeEventLike } from '../../../electron/ipc/register';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export interface DesktopMain {
  /** Every listener main registered, by channel name. */
  listeners: Map<string, Listener>;
  /** Lines main logged (refused calls). */
  log: string[];
}

/** Main's side: the real handlers over `services` (the Electron-only parts given here). */
export function desktopMain(services: Partial<HandlerServices> & { workstation: WorkstationInfo }): DesktopMain {
  const listeners = new Map<string, Listener>();
  const log: string[] = [];
  const handlers = createIpcHandlers({
    settings: new UserSettingsStore(path.join(os.tmpdir(), 'baton-e2e-settings.json'), DEFAULT_USER_SETTINGS, async () => undefined),
    notify: () => undefined,
    notifyInbox: () => undefined,
    setBadgeCounts: () => undefined,
    getSystemIdleSeconds: () => 0,
    openApprovalWindow: () => undefined,
    ...services,
  });
  registerIpcHandlers({ handle: (name, listener) => listeners.set(name, listener) }, handlers, (line) => log.push(line));
  return { listeners, log };
}

/** Opens `page` as a desktop window (web contents `windowId`) of `main`: `window.baton` before any script runs. */
export async function asDesktopWindow(
  page: Page,
  main: DesktopMain,
  windowId: number,
  bootstrap: { serverUrl: string; workstationId?: string },
): Promise<void> {
  await page.exposeBinding('__batonInvoke', async (_source, name: string, request: unknown) => {
    const listener = main.listeners.get(name);
    if (!listener) throw new Error(`no IPC channel ${name}`);
    // What Electron tells main about the caller: the app's top frame in window `windowId`.
    const event: InvokeEventLike = { senderFrame: { url: 'baton://app/index.html', parent: null }, sender: { id: windowId } };
    return request === undefined ? listener(event) : listener(event, request);
  });
  const channels = Object.fromEntries((Object.keys(IPC_CHANNELS) as ChannelKey[]).map((key) => [key, IPC_CHANNELS[key].name]));
  await page.addInitScript(
    ({ channels, bootstrap }) => {
      const invoke = (window as unknown as { __batonInvoke: (name: string, request: unknown) => Promise<unknown> }).__batonInvoke;
      const bridge: Record<string, unknown> = { bootstrap: { windowKind: 'board', ...bootstrap } };
      for (const [key, name] of Object.entries(channels)) bridge[key] = (request?: unknown) => invoke(name, request);
      (window as unknown as { baton: unknown }).baton = Object.freeze(bridge);
    },
    { channels, bootstrap },
  );
}
