// What each IPC channel does, over the few services it needs. Main wires real services in;
// tests pass fakes. Validation and sender checks happen before these run (register.ts).
import { NO_UPDATE, type BadgeCounts, type InboxNotice, type Notice, type WorkstationInfo } from '../../shared/ipc/schemas';
import type { UpdateController } from '../updates/update-controller';
import type { UserSettingsStore } from '../config/user-settings';
import type { IpcHandlers } from './register';

export interface HandlerServices {
  workstation: WorkstationInfo;
  settings: UserSettingsStore;
  notify(notice: Notice): void;
  notifyInbox(notice: InboxNotice): void;
  setBadgeCounts(counts: BadgeCounts): void;
  getSystemIdleSeconds(): number;
  openApprovalWindow(): void;
  /** Absent where this install does not update itself (update-mode.ts): no update is ever offered. */
  updates?: Pick<UpdateController, 'report' | 'waitForChange' | 'restart'>;
}

export function createIpcHandlers(services: HandlerServices): IpcHandlers {
  return {
    getWorkstationConfig: () => services.workstation,
    notify: (notice) => {
      if (services.settings.get().preferences.notifications) services.notify(notice);
      return null;
    },
    // Batched and filtered by the person's preferences in the renderer (shared/notifications/os-batch.ts).
    notifyInbox: (notice) => {
      if (services.settings.get().preferences.notifications) services.notifyInbox(notice);
      return null;
    },
    setBadgeCounts: (counts) => {
      services.setBadgeCounts(counts);
      return null;
    },
    getIdleSeconds: () => Math.max(0, Math.floor(services.getSystemIdleSeconds())),
    openApprovalWindow: () => {
      services.openApprovalWindow();
      return null;
    },
    reportUpdateReadiness: (readiness, caller) => services.updates?.report(caller.windowId, readiness) ?? NO_UPDATE,
    // Without an updater the status never changes: the wait never answers, as no update comes.
    waitForUpdate: (known) => services.updates?.waitForChange(known) ?? new Promise(() => undefined),
    restartToUpdate: () => services.updates?.restart() ?? false,
  };
}
