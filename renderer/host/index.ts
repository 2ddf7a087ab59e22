// Picks the host the renderer runs in: Electron's preload exposes `window.batonHost`.
import type { BatonHost } from '../../shared/host';
import { createWebHost, registerOfflineShell } from './web';

declare global {
  interface Window {
    batonHost?: BatonHost;
  }
}

let host: BatonHost | null = null;

export function getHost(): BatonHost {
  if (!host) {
    host = window.batonHost ?? createWebHost();
    if (host.kind === 'web') registerOfflineShell();
  }
  return host;
}
