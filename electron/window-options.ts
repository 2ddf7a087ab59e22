// The board window's options: Electron's security checklist in one place, testable without Electron.
import type { BrowserWindowConstructorOptions } from 'electron';

export function boardWindowOptions(preloadPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Baton',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      ...(preloadPath ? { preload: preloadPath } : {}),
    },
  };
}

/** Only the sync server's own pages may load in a Baton window. */
export function isAllowedNavigation(target: string, serverUrl: string): boolean {
  try {
    return new URL(target).origin === new URL(serverUrl).origin;
  } catch {
    return false;
  }
}
