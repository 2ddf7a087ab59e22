// The desktop side of updates from the clinic's server, as plain logic with electron-updater's
// AppUpdater passed in: the feed is <server>/updates/<channel> (the generic provider; the server
// answers with the channel and release its location's policy gives this workstation), every
// request names the workstation (the server stages the rollout by it), downloads run in the
// background, and "Restart to update" is possible only at a safe moment: no window has a dialog
// open and nothing waits to upload (unless the server refuses this release, when nothing can
// upload until the update; the replica on disk survives an update either way).
import { WORKSTATION_HEADER } from '../../shared/update-policy';
import type { UpdateReadiness, UpdateStatus } from '../../shared/ipc/schemas';

/** The part of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  requestHeaders: Record<string, string | number | readonly string[] | undefined> | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateOptions {
  updater: Updater;
  serverUrl: string;
  channel: string;
  workstationId: string | undefined;
}

/** A window's state is safe when it has no dialog open and nothing waiting (or the server refuses this release). */
const isSafe = (r: UpdateReadiness) => !r.dialogOpen && (r.pendingUploads === 0 || r.updateRequired);

export function createUpdateController({ updater, serverUrl, channel, workstationId }: UpdateOptions) {
  updater.setFeedURL({ provider: 'generic', url: `${serverUrl}/updates/${channel}` });
  updater.requestHeaders = workstationId ? { [WORKSTATION_HEADER]: workstationId } : null;
  updater.autoDownload = true;
  // A quit installs the downloaded release too: the replica and what waits to upload stay on disk.
  updater.autoInstallOnAppQuit = true;
  let downloaded: string | null = null;
  /** Each open window's last report, by its web contents id. */
  const windows = new Map<number, UpdateReadiness>();
  const watchers = new Set<() => void>();

  const status = (): UpdateStatus => ({ version: downloaded, canRestart: downloaded !== null && [...windows.values()].every(isSafe) });
  const changed = () => watchers.forEach((w) => w());
  const check = () =>
    updater.checkForUpdates().then(
      () => undefined,
      () => undefined,
    );

  updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    changed();
  });

  return {
    /** A check in the background; offline or a failing server waits for the next one. */
    check,
    status,
    /** A window tells its state; the server refusing this release asks for a check at once. */
    report(windowId: number, readiness: UpdateReadiness): UpdateStatus {
      const before = windows.get(windowId);
      windows.set(windowId, readiness);
      if (readiness.updateRequired && !before?.updateRequired) void check();
      changed();
      return status();
    },
    /** A closed window no longer holds the restart back. */
    forget(windowId: number): void {
      if (windows.delete(windowId)) changed();
    },
    /** Answers once the status differs from `known` (at once if it already does). */
    waitForChange(known: UpdateStatus): Promise<UpdateStatus> {
      const same = (s: UpdateStatus) => s.version === known.version && s.canRestart === known.canRestart;
      if (!same(status())) return Promise.resolve(status());
      return new Promise((resolve) => {
        const watcher = () => {
          if (same(status())) return;
          watchers.delete(watcher);
          resolve(status());
        };
        watchers.add(watcher);
      });
    },
    /** The person chose "Restart to update": refused (false) unless every window is at a safe moment. */
    restart(): boolean {
      if (!status().canRestart) return false;
      updater.quitAndInstall(false, true);
      return true;
    },
  };
}

export type UpdateController = ReturnType<typeof createUpdateController>;
