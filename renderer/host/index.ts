// Picks the host the renderer runs in: Electron's preload exposes `window.baton`.
import type { BatonHost } from '../../shared/host';
import type { BatonBridge } from '../../shared/ipc/bridge';
import { createElectronHost } from './electron';
import { createWebHost, registerOfflineShell } from './web';

declare global {
  interface Window {
    baton?: BatonBridge;
  }
}

let host: BatonHost | null = null;

export function getHost(): BatonHost {
  if (!host) {
    host = window.baton ? createElectronHost(window.baton) : createWebHost();
    if (host.kind === 'web') registerOfflineShell();
  }
  return host;
}
