// The Electron main process, kept thin: lifecycle and wiring. Every decision lives in a plain,
// unit-tested function under electron/ (protocol/, config/, ipc/, os/, security/, windows/).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app, globalShortcut, ipcMain, net, Notification, powerMonitor, session, shell } from 'electron';
import type { WindowKind } from '../shared/ipc/schemas';
import { UserSettingsStore } from './config/user-settings';
import { enrollArgs, enrollmentLine, enrollWorkstation } from './config/enroll';
import { installConfigArgs, installConfigLine, writeInstallConfig } from './config/install-config';
import { checkRevocation, wipeWorkstation } from './config/revocation';
import { machineConfigPath } from './config/machine-config';
import { setupPageUrl } from './config/setup-page';
import { loadWorkstation } from './config/workstation';
import { readPolicy } from './config/policy';
import { runTool } from './os/runner';
import { createIpcHandlers } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register';
import { createLogFile } from './os/log-file';
import { inboxNotificationText, notificationText } from './os/notification-text';
import { redactText } from './os/redact';
import { hardenContents } from './security/navigation';
import { denyPermissions } from './security/permissions';
import { openAppWindow, openSetupWindow } from './shell/open-window';
import { declareAppScheme, serveBundle } from './shell/protocol';
import { createTray } from './shell/tray';
import { createWindowManager, secondLaunchArgv, wantsApprovalWindow, type LaunchRequest } from './windows/window-manager';
import { DEFAULT_UPDATE_POLICY } from '../shared/update-policy';
import { createUpdateController, type UpdateController } from './updates/update-controller';
import { installedBy, updateMode } from './updates/update-mode';

const APPROVAL_SHORTCUT = 'CommandOrControl+Shift+A';
/** How often a running app asks the clinic's server for a newer release (and at every start). */
const UPDATE_CHECK_MS = 4 * 60 * 60 * 1000;
// main.cjs and preload.cjs sit in dist/electron, the renderer bundle in dist/renderer (also inside app.asar).
const bundleRoot = path.join(__dirname, '../renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// Tests (and unusual deployments) may keep the profile elsewhere; it also scopes the single-instance lock.
if (process.env.BATON_USER_DATA_DIR) app.setPath('userData', process.env.BATON_USER_DATA_DIR);
app.enableSandbox();
declareAppScheme();
// Every web contents, whatever creates it, stays in the app.
app.on('web-contents-created', (_event, contents) => hardenContents(contents, (url) => void shell.openExternal(url)));

const launch: LaunchRequest = { approval: wantsApprovalWindow(process.argv) };
const enrollment = enrollArgs(process.argv, os.hostname());
const installConfig = installConfigArgs(process.argv);
if (installConfig) {
  // The MSI's install step (SERVER, LOCATION): no window; exit 1 fails the install with nothing written.
  const file = machineConfigPath(process.platform, process.env);
  void writeInstallConfig(installConfig, file).then((outcome) => {
    console.log(installConfigLine(outcome, file));
    app.exit(outcome.ok ? 0 : 1);
  });
} else if (enrollment) {
  // IT's one-time step, run as an administrator: no window, an answer on the console and in the exit
  // code. Electron's net.fetch trusts the operating system's certificate store (a clinic's own CA).
  void app
    .whenReady()
    .then(async () =>
      enrollWorkstation(enrollment, {
        file: machineConfigPath(process.platform, process.env),
        fetch: net.fetch,
        policy: await readPolicy(process.platform, runTool),
      }),
    )
    .then((outcome) => {
      console.log(enrollmentLine(outcome));
      app.exit(outcome.ok ? 0 : 1);
    });
} else if (!app.requestSingleInstanceLock(launch)) {
  app.quit();
} else {
  void app.whenReady().then(() =>
    start().catch((error: unknown) => {
      // Whatever failed, the user sees why and where the log is, never a blank or missing window.
      const message = `Baton could not start: ${redactText(error instanceof Error ? error.message : String(error))}`;
      openSetupWindow(setupPageUrl([{ file: path.join(app.getPath('logs'), 'baton.log'), kind: 'failed', message }]));
    }),
  );
}

async function start(): Promise<void> {
  const log = createLogFile(path.join(app.getPath('logs'), 'baton.log'));
  log.log('info', `Baton ${app.getVersion()} starting`);
  denyPermissions(session.defaultSession);
  if (process.platform === 'win32') app.setAppUserModelId('org.baton.desktop'); // Windows shows notifications only for a known app id
  app.on('window-all-closed', () => app.quit());

  const started = await loadWorkstation({
    platform: process.platform,
    env: process.env,
    userData: app.getPath('userData'),
    fs: fsp,
    policy: () => readPolicy(process.platform, runTool),
  });
  const problems = started.ok ? [] : started.problems;
  if (!fs.existsSync(path.join(bundleRoot, 'index.html'))) {
    problems.push({ file: path.join(bundleRoot, 'index.html'), kind: 'missing', message: 'The app bundle is missing: reinstall Baton.' });
  }
  if (!started.ok || problems.length) {
    for (const p of problems) log.log('error', `configuration: ${p.file}: ${p.message}`);
    const setup = openSetupWindow(setupPageUrl(problems));
    app.on('second-instance', () => setup.focus());
    return;
  }

  const workstation = started.info;
  if ((await checkRevocation(workstation, net.fetch, app.getVersion())) === 'revoked') {
    log.log('warn', 'an administrator revoked this workstation: local replicas and keys removed');
    // The keys/ folder held OS-protected database keys in earlier releases; a revoked machine still loses it.
    await wipeWorkstation({
      clearStorageData: () => session.defaultSession.clearStorageData(),
      keysDir: path.join(app.getPath('userData'), 'keys'),
      rm: fsp.rm,
    });
    openSetupWindow(
      setupPageUrl([
        {
          file: started.machineFile ?? 'BATON_SERVER_URL',
          kind: 'failed',
          message:
            'An administrator revoked this workstation; its local data was removed. Ask IT to enroll it again (Baton --enroll=TOKEN).',
        },
      ]),
    );
    return;
  }
  const settings = new UserSettingsStore(started.userFile, started.settings);
  serveBundle(bundleRoot, workstation.serverUrl);

  const windows = createWindowManager((kind: WindowKind) => openAppWindow(kind, { preloadPath, workstation, settings, log }));
  const tray = createTray((kind) => windows.show(kind));
  const updates = await startUpdates(workstation.serverUrl, workstation.workstationId, log);

  registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      workstation,
      settings,
      notify(notice) {
        if (!Notification.isSupported()) return;
        const note = new Notification(notificationText(notice));
        note.on('click', () => windows.show(notice.queue === 'clinician' ? 'approval' : 'board'));
        note.show();
      },
      notifyInbox(notice) {
        if (!Notification.isSupported()) return;
        const note = new Notification(inboxNotificationText(notice));
        note.on('click', () => windows.show('board'));
        note.show();
      },
      setBadgeCounts: (counts) => tray.setCounts(counts),
      getSystemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
      openApprovalWindow: () => void windows.show('approval'),
      updates,
    }),
    (line) => log.log('warn', line),
  );

  app.on('second-instance', (_event, argv, _cwd, data) => windows.onSecondLaunch(secondLaunchArgv(argv, data)));
  app.on('activate', () => windows.show('board'));
  app.on('will-quit', () => globalShortcut.unregisterAll());
  if (!globalShortcut.register(APPROVAL_SHORTCUT, () => windows.show('approval')))
    log.log('warn', `shortcut ${APPROVAL_SHORTCUT} is taken`);

  windows.show(launch.approval ? 'approval' : 'board');
}

/** Updates from the clinic's server where this install updates itself (update-mode.ts); else none. */
async function startUpdates(
  serverUrl: string,
  workstationId: string | undefined,
  log: ReturnType<typeof createLogFile>,
): Promise<UpdateController | undefined> {
  const policy = await readPolicy(process.platform, runTool);
  const mode = updateMode({
    packaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
    policy: policy.ok ? policy.values : {},
    installedBy: await installedBy(process.platform, runTool),
  });
  if (!mode.enabled) {
    log.log('info', `updates from the server are off: ${mode.reason}`);
    return undefined;
  }
  const { autoUpdater } = await import('electron-updater');
  autoUpdater.logger = {
    info: (m: unknown) => log.log('info', `updater: ${String(m)}`),
    warn: (m: unknown) => log.log('warn', `updater: ${String(m)}`),
    error: (m: unknown) => log.log('error', `updater: ${String(m)}`),
  };
  // The server answers with the channel and release the location's policy gives this workstation.
  const controller = createUpdateController({ updater: autoUpdater, serverUrl, channel: DEFAULT_UPDATE_POLICY.channel, workstationId });
  app.on('web-contents-created', (_event, contents) => contents.once('destroyed', () => controller.forget(contents.id)));
  void controller.check();
  setInterval(() => void controller.check(), UPDATE_CHECK_MS);
  return controller;
}
