// The web host: the renderer served by the sync server to a plain browser.
import type { BatonHost } from '../../shared/host';
import { newId } from '../../shared/ids';

const WORKSTATION_KEY = 'baton.workstationId';

export function createWebHost(storage: Storage = window.localStorage, serverUrl = ''): BatonHost {
  return {
    kind: 'web',
    serverUrl,
    getWorkstationId() {
      let id = storage.getItem(WORKSTATION_KEY);
      if (!id) {
        id = newId();
        storage.setItem(WORKSTATION_KEY, id);
      }
      return id;
    },
  };
}

/** Lets the app shell load while the server is unreachable (a reload during an outage). */
export function registerOfflineShell(): void {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(window.location.protocol)) return;
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Without it the board still works until the next reload; nothing to tell the user.
  });
}
