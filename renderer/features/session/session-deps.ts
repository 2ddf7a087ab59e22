// The session store's commands (what the screens call), and what it works with: the host,
// storages, keyring, the server calls and the window link. Tests hand in their own; the app takes
// the defaults.
import type { BatonHost } from '../../../shared/host';
import { changePassword, fetchMe, login, logout, refresh, tellServer } from './auth-api';
import { openWorkspace, type Session, type Workspace, type WorkspaceOptions } from '../../workspace/workspace';
import { createKeyring, type Keyring, type Person } from '../../keyring/keyring';
import type { SessionMachine } from './session-machine';
import { memoryStorage } from '../../keyring/memory-storage';
import { wipeLocalReplicas } from '../../sync/revocation';
import { forgetKeptDocuments } from '../../db/attachment-cache';
import { sendOfflineViewsAtSignOut } from '../attachments';
import { createWindowLink, type WindowLink } from './window-link';

export type LockReason = 'manual' | 'inactivity';

export interface SessionState extends SessionMachine {
  signIn(username: string, password: string): Promise<void>;
  /** After the first sign-in: a PIN for quick switching, or null for "not now". */
  choosePin(pin: string | null): Promise<void>;
  /** Sets or changes the signed-in person's PIN on this workstation (rejects with why not). */
  setPin(pin: string): Promise<void>;
  /** Changes the signed-in person's password on the server, then on this workstation's keyring (rejects with why not). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** PIN or password of someone in this workstation's keyring: unlocks, or switches to them. */
  unlock(userId: string, secret: string, method: 'pin' | 'password'): Promise<void>;
  lock(reason: LockReason): Promise<void>;
  /** Reopens this tab's session (reload), or shows it locked when the key is not at hand. */
  restore(): Promise<void>;
  signOut(message?: string): Promise<void>;
  /** People who signed in on this workstation before (the sign-in and lock screens list them). */
  people(): Person[];
}

export interface SessionDeps {
  host: BatonHost;
  storage: Storage;
  /** This tab's storage: keeps the unlocked key across a reload. */
  tabStorage?: Storage;
  keyring?: Keyring;
  link?: WindowLink;
  login?: typeof login;
  refresh?: typeof refresh;
  logout?: typeof logout;
  tellServer?: typeof tellServer;
  fetchMe?: typeof fetchMe;
  changePassword?: typeof changePassword;
  openWorkspace?: (session: Session, options: WorkspaceOptions) => Promise<Workspace>;
  /** How long a new window waits for another window to hand it the key. */
  keyWaitMs?: number;
  /** Serialises token refreshes across windows (a refresh token works once). */
  withRefreshLock?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Removes every local replica and key entry (an admin revoked this workstation). */
  wipeLocalData?: () => Promise<unknown>;
  /**
   * Sign-out: sends the person's offline views of kept documents with the ending session's token,
   * then deletes the documents kept for offline use; views the server did not take stay for their next sign-in.
   */
  forgetKeptDocuments?: (userId: string, token: string) => Promise<void>;
}

/** The workstation's sign-in proof: its id, and the secret of its enrollment where IT enrolled it. */
export async function workstationProof(host: BatonHost): Promise<{ workstationId: string; workstationSecret?: string }> {
  const config = await host.getWorkstationConfig?.().catch(() => undefined);
  return { workstationId: host.getWorkstationId(), ...(config?.workstationSecret ? { workstationSecret: config.workstationSecret } : {}) };
}

function browserRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('baton.refresh', work) as Promise<T>) : work();
}

/** The deps with every default filled in. */
export type SessionTools = ReturnType<typeof withDefaults>;

export function withDefaults(deps: SessionDeps) {
  return {
    login: deps.login ?? login,
    refresh: deps.refresh ?? refresh,
    logout: deps.logout ?? logout,
    tellServer: deps.tellServer ?? tellServer,
    fetchMe: deps.fetchMe ?? fetchMe,
    wipeLocalData:
      deps.wipeLocalData ??
      (() =>
        wipeLocalReplicas({ indexedDB: globalThis.indexedDB, storages: [deps.storage, ...(deps.tabStorage ? [deps.tabStorage] : [])] })),
    forgetKeptDocuments:
      deps.forgetKeptDocuments ??
      (async (userId: string, token: string) => {
        await sendOfflineViewsAtSignOut(deps.host.serverUrl, token, userId).catch(() => undefined);
        await forgetKeptDocuments(userId);
      }),
    changePasswordOnServer: deps.changePassword ?? changePassword,
    openWorkspace: deps.openWorkspace ?? openWorkspace,
    keyring: deps.keyring ?? createKeyring({ storage: deps.storage }),
    link: deps.link ?? createWindowLink(),
    tabStorage: deps.tabStorage ?? memoryStorage(),
    withRefreshLock: deps.withRefreshLock ?? browserRefreshLock,
  };
}
