// Thin wiring: creates one Baton window at its remembered place and remembers where it is left.
import { screen, type BrowserWindow } from 'electron';
import type { WindowKind, WorkstationInfo } from '../../shared/ipc/schemas';
import type { UserSettingsStore } from '../config/user-settings';
import type { Logger } from '../os/log-file';
import { restoreBounds } from '../os/window-bounds';
import { createSecureWindow } from './secure-window';
import { DEFAULT_SIZE, windowOptions, windowUrl } from '../windows/window-options';

export interface OpenWindowDeps {
  preloadPath: string;
  workstation: WorkstationInfo;
  settings: UserSettingsStore;
  log: Logger;
}

export function openAppWindow(kind: WindowKind, deps: OpenWindowDeps): BrowserWindow {
  const bounds = restoreBounds(deps.settings.get().windows[kind], screen.getAllDisplays(), screen.getPrimaryDisplay(), DEFAULT_SIZE[kind]);
  const bootstrap = { windowKind: kind, serverUrl: deps.workstation.serverUrl, workstationId: deps.workstation.workstationId };
  const win = createSecureWindow(windowOptions(bootstrap, deps.preloadPath, bounds));
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const { x, y, width, height } = win.getNormalBounds();
    deps.settings
      .setWindowBounds(kind, { x, y, width, height, ...(win.isMaximized() ? { maximized: true } : {}) })
      .catch((error: unknown) => {
        deps.log.log('warn', 'could not save the window place', error);
      });
  });
  win.webContents.on('did-fail-load', (_event, code, description) =>
    deps.log.log('error', `${kind} window failed to load: ${code} ${description}`),
  );
  win.webContents.on('render-process-gone', (_event, details) => deps.log.log('error', `${kind} renderer gone: ${details.reason}`));
  void win.loadURL(windowUrl(kind));
  return win;
}

/** The setup screen: same locked-down window, no preload, a static page. */
export function openSetupWindow(url: string): BrowserWindow {
  const options = windowOptions({ windowKind: 'board', serverUrl: 'http://127.0.0.1' }, '', { x: 0, y: 0, width: 900, height: 700 });
  const { preload: _preload, additionalArguments: _args, ...webPreferences } = options.webPreferences!;
  const win = createSecureWindow({ ...options, x: undefined, y: undefined, center: true, title: 'Baton: setup needed', webPreferences });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
