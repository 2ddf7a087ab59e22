// The preload: exposes `window.baton`, one function per IPC channel, checked against BatonBridge.
// Answers are validated here before the page sees them. Bundled (zod included) for the sandbox.
import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import { decodeBootstrapArg } from '../shared/ipc/bootstrap';
import { BRIDGE_GLOBAL, type BatonBridge, type BridgeCall } from '../shared/ipc/bridge';
import { IPC_CHANNELS, type ChannelKey } from '../shared/ipc/channels';

// zod would otherwise probe `new Function`, which the CSP forbids (no eval of any kind).
z.config({ jitless: true });

function call<K extends ChannelKey>(key: K): BridgeCall<K> {
  const def = IPC_CHANNELS[key];
  const invoke = async (...args: unknown[]) => {
    // Checked here too, so a bad call fails in the page with the same message as in main.
    const request = def.request.parse(args[0]);
    const answer: unknown = await (request === undefined ? ipcRenderer.invoke(def.name) : ipcRenderer.invoke(def.name, request));
    return def.answer.parse(answer);
  };
  return invoke as BridgeCall<K>;
}

const bridge = {
  bootstrap: decodeBootstrapArg(process.argv),
  getWorkstationConfig: call('getWorkstationConfig'),
  notify: call('notify'),
  notifyInbox: call('notifyInbox'),
  setBadgeCounts: call('setBadgeCounts'),
  getIdleSeconds: call('getIdleSeconds'),
  openApprovalWindow: call('openApprovalWindow'),
  reportUpdateReadiness: call('reportUpdateReadiness'),
  waitForUpdate: call('waitForUpdate'),
  restartToUpdate: call('restartToUpdate'),
} satisfies BatonBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
