// The options of both Baton windows: Electron's security checklist in one place, testable without Electron.
import type { BrowserWindowConstructorOptions } from 'electron';
import { encodeBootstrapArg } from '../../shared/ipc/bootstrap';
import type { WindowBootstrap, WindowBounds, WindowKind } from '../../shared/ipc/schemas';
import { APP_ORIGIN } from '../protocol/resolve-path';

export const DEFAULT_SIZE: Record<WindowKind, { width: number; height: number }> = {
  board: { width: 1400, height: 900 },
  approval: { width: 1100, height: 860 },
};

const TITLES: Record<WindowKind, string> = { board: 'Baton', approval: 'Baton: approvals' };

/** Both windows load the same origin (one IndexedDB, one replica); the approval window by route. */
export function windowUrl(kind: WindowKind): string {
  return kind === 'approval' ? `${APP_ORIGIN}/index.html#/approval` : `${APP_ORIGIN}/index.html`;
}

export function windowOptions(bootstrap: WindowBootstrap, preloadPath: string, bounds: WindowBounds): BrowserWindowConstructorOptions {
  return {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: 800,
    minHeight: 560,
    title: TITLES[bootstrap.windowKind],
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick', // middle-click would open links in new windows
      navigateOnDragDrop: false,
      spellcheck: false, // the spellchecker may send words (PHI) to an online service
      safeDialogs: true,
      additionalArguments: [encodeBootstrapArg(bootstrap)],
    },
  };
}
