// For tests: electron-updater's part with the same members, recording what the controller sets
// and calls; `download(version)` finishes a download as electron-updater would announce it.
import type { Updater } from './update-controller';

export function standInUpdater() {
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
  return {
    updater,
    calls,
    installs: () => calls.filter((c) => c.startsWith('install')),
    download: (version: string) => listeners.forEach((l) => l({ version })),
  };
}
