// The Electron main process, kept thin: one window on the sync server's web host.
// (The approval window, preload bridge, tray and hardening details come with the desktop-app issue.)
import { app, BrowserWindow, shell } from 'electron';
import { boardWindowOptions, isAllowedNavigation } from './window-options';

const serverUrl = process.env.BATON_SERVER_URL ?? 'http://127.0.0.1:8787';

if (!app.requestSingleInstanceLock()) app.quit();

function openBoard(): BrowserWindow {
  const win = new BrowserWindow(boardWindowOptions());
  win.webContents.on('will-navigate', (event, target) => {
    if (!isAllowedNavigation(target, serverUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(serverUrl);
  return win;
}

app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});
app.whenReady().then(openBoard);
app.on('window-all-closed', () => app.quit());
