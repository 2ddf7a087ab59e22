// What each IPC channel does, over the few services it needs. Main wires real services in;
// tests pass fakes. Validation and sender checks happen before these run (register.ts).
import type { BadgeCounts, InboxNotice, Notice, WorkstationInfo } from '../../shared/ipc/schemas';
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
  getDatabaseKey(userId: string): Promise<string>;
}

export function createIpcHandlers(services: HandlerServices): IpcHandlers {
  return {
    getWorkstationConfig: () => services.workstation,
    getSettings: () => services.settings.get(),
    setPreferences: (patch) => services.settings.setPreferences(patch),
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
    getDatabaseKey: async ({ userId }) => ({ key: await services.getDatabaseKey(userId) }),
  };
}
