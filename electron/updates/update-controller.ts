// The desktop side of updates from the clinic's server, as plain logic with electron-updater's
// AppUpdater passed in: the feed is <server>/updates/<channel> (the generic provider), every
// request names the workstation (the server stages the rollout by it), downloads run in the
// background, and "Restart to update" is offered only at a safe moment (no dialog open) and
// installs only then. Changes waiting to upload live in the replica on disk and survive it.
// Not wired into main.ts yet (electron-updater is not a dependency yet): see README.
import { WORKSTATION_HEADER } from '../../shared/update-policy';

/** The part of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  requestHeaders: Record<string, string> | null;
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
  /** False while a dialog is open (a move, a sign-off, an edit): no offer, no restart then. */
  isSafeMoment: () => boolean;
  /** Shows "Restart to update" (once per downloaded release). */
  offerRestart: (version: string) => void;
}

export function createUpdateController({ updater, serverUrl, channel, workstationId, isSafeMoment, offerRestart }: UpdateOptions) {
  updater.setFeedURL({ provider: 'generic', url: `${serverUrl}/updates/${channel}` });
  updater.requestHeaders = workstationId ? { [WORKSTATION_HEADER]: workstationId } : null;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  let downloaded: string | undefined;
  let offered: string | undefined;

  const offerIfSafe = () => {
    if (downloaded && offered !== downloaded && isSafeMoment()) {
      offered = downloaded;
      offerRestart(downloaded);
    }
  };
  updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    offerIfSafe();
  });

  return {
    /** A check in the background; offline or a failing server waits for the next one. */
    check: () => updater.checkForUpdates().then(() => undefined, () => undefined),
    /** Called when the window's state changes (a dialog closed): an update waiting is offered now. */
    stateChanged: offerIfSafe,
    /** The person chose "Restart to update": refused (false) if a dialog opened meanwhile. */
    restart(): boolean {
      if (!downloaded || !isSafeMoment()) return false;
      updater.quitAndInstall(false, true);
      return true;
    },
  };
}
