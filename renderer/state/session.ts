// Who is signed in on this workstation, and their open workspace.
import { create } from 'zustand';
import type { BatonHost } from '../../shared/host';
import {
  login as defaultLogin,
  logout as defaultLogout,
  refresh as defaultRefresh,
  LoginError,
} from '../app/auth-api';
import { openWorkspace as defaultOpenWorkspace, type Session, type Workspace, type WorkspaceOptions } from '../app/workspace';
import { clearSession, loadSession, saveSession } from './session-storage';

export type SessionPhase = 'signed-out' | 'signing-in' | 'opening' | 'ready';

export interface SessionState {
  phase: SessionPhase;
  session: Session | null;
  workspace: Workspace | null;
  /** Shown on the sign-in screen: why the user is there (bad password, session expired...). */
  message: string | null;
  signIn(username: string, password: string): Promise<void>;
  /** Reopens the stored session without the server (the replica is local). */
  restore(): Promise<void>;
  signOut(message?: string): Promise<void>;
}

export interface SessionDeps {
  host: BatonHost;
  storage: Storage;
  login?: typeof defaultLogin;
  refresh?: typeof defaultRefresh;
  logout?: typeof defaultLogout;
  openWorkspace?: (session: Session, options: WorkspaceOptions) => Promise<Workspace>;
}

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Please sign in again.';

export function createSessionStore(deps: SessionDeps) {
  const login = deps.login ?? defaultLogin;
  const refresh = deps.refresh ?? defaultRefresh;
  const logout = deps.logout ?? defaultLogout;
  const openWorkspace = deps.openWorkspace ?? defaultOpenWorkspace;
  /** Bumped by every sign-in and sign-out: late answers for an older session are dropped. */
  let epoch = 0;
  let refreshing: Promise<void> | null = null;

  return create<SessionState>()((set, get) => {
    /** The server refused the access token: renew it once (refresh tokens work once), else sign out. */
    function onUnauthorized(forEpoch: number): void {
      if (forEpoch !== epoch || refreshing) return;
      const session = get().session;
      if (!session?.refreshToken) {
        void get().signOut(SESSION_ENDED_MESSAGE);
        return;
      }
      refreshing = refresh(deps.host.serverUrl, session.refreshToken)
        .then((outcome) => {
          if (forEpoch !== epoch) return;
          if (outcome.kind === 'renewed') {
            const renewed: Session = { ...session, token: outcome.answer.token, refreshToken: outcome.answer.refreshToken };
            saveSession(deps.storage, renewed);
            set({ session: renewed });
          } else if (outcome.kind === 'refused') {
            void get().signOut(SESSION_ENDED_MESSAGE);
          }
          // Unreachable: keep working offline; the next refused request tries again.
        })
        .finally(() => {
          refreshing = null;
        });
    }

    async function open(session: Session): Promise<void> {
      const mine = ++epoch;
      set({ phase: 'opening', session, message: null });
      try {
        const workspace = await openWorkspace(session, {
          serverUrl: deps.host.serverUrl,
          getToken: () => get().session?.token ?? '',
          onUnauthorized: () => onUnauthorized(mine),
        });
        if (mine !== epoch) {
          await workspace.close();
          return;
        }
        set({ phase: 'ready', workspace });
      } catch {
        if (mine !== epoch) return;
        clearSession(deps.storage);
        set({ phase: 'signed-out', session: null, workspace: null, message: 'This workstation could not open your data.' });
      }
    }

    return {
      phase: 'signed-out',
      session: null,
      workspace: null,
      message: null,

      async signIn(username, password) {
        set({ phase: 'signing-in', message: null });
        try {
          const answer = await login(deps.host.serverUrl, {
            username: username.trim(),
            password,
            workstationId: deps.host.getWorkstationId(),
          });
          const session: Session = { token: answer.token, refreshToken: answer.refreshToken, user: answer.user };
          saveSession(deps.storage, session);
          await open(session);
        } catch (error) {
          const message = error instanceof LoginError ? error.message : 'Sign-in failed. Please try again.';
          set({ phase: 'signed-out', message });
        }
      },

      async restore() {
        const session = loadSession(deps.storage);
        if (session) await open(session);
      },

      async signOut(message) {
        epoch++;
        const { workspace, session } = get();
        clearSession(deps.storage);
        set({ phase: 'signed-out', session: null, workspace: null, message: message ?? null });
        await workspace?.close().catch(() => undefined);
        // Asked by the user: end the session on the server too. After a refusal there is nothing to end.
        if (session && !message) await logout(deps.host.serverUrl, session.token, session.refreshToken);
      },
    };
  });
}

export type SessionStore = ReturnType<typeof createSessionStore>;
