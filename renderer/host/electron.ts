// The Electron host: BatonHost over the preload's `window.baton` bridge. The bridge already
// validates every answer against shared/ipc; this only adapts shapes.
import { z } from 'zod';
import type { BatonHost } from '../../shared/host';
import type { BatonBridge } from '../../shared/ipc/bridge';
import { createWebHost } from './web';

/** Neither host's CSP allows eval: keep zod from probing `new Function` (a CSP violation each time). */
z.config({ jitless: true });

export function createElectronHost(bridge: BatonBridge, storage: Storage = window.localStorage): BatonHost {
  const { bootstrap } = bridge;
  // Not enrolled yet: a per-profile id, kept like the web host keeps it.
  const fallbackId = createWebHost(storage, bootstrap.serverUrl);
  return {
    kind: 'electron',
    serverUrl: bootstrap.serverUrl,
    windowKind: bootstrap.windowKind,
    getWorkstationId: () => bootstrap.workstationId ?? fallbackId.getWorkstationId(),
    getWorkstationConfig: () => bridge.getWorkstationConfig(),
    notify: async (notice) => void (await bridge.notify(notice)),
    notifyInbox: async (notice) => void (await bridge.notifyInbox(notice)),
    setBadgeCounts: async (counts) => void (await bridge.setBadgeCounts(counts)),
    getIdleSeconds: () => bridge.getIdleSeconds(),
    openApprovalWindow: async () => void (await bridge.openApprovalWindow()),
    updates: {
      report: (readiness) => bridge.reportUpdateReadiness(readiness),
      waitForChange: (known) => bridge.waitForUpdate(known),
      restart: () => bridge.restartToUpdate(),
    },
  };
}
