// The only `new BrowserWindow` in Baton. The security preferences are written out here, last, so
// they win over whatever options were passed, and static scanners (electronegativity) see them.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export function createSecureWindow(options: BrowserWindowConstructorOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
