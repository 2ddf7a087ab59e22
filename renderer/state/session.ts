// Who is signed in on this workstation, and their open workspace.
import { create } from 'zustand';
import type { BatonHost } from '../../shared/host';
import { login as defaultLogin, LoginError } from '../app/auth-api';
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
  openWorkspace?: (session: Session, options: WorkspaceOptions) => Promise<Workspace>;
}

export function createSessionStore(deps: SessionDeps) {
  const login = deps.login ?? defaultLogin;
  const openWorkspace = deps.openWorkspace ?? defaultOpenWorkspace;

  return create<SessionState>()((set, get) => {
    async function open(session: Session): Promise<void> {
      set({ phase: 'opening', session, message: null });
      try {
        const workspace = await openWorkspace(session, {
          serverUrl: deps.host.serverUrl,
          getToken: () => get().session?.token ?? '',
          onUnauthorized: () => {
            if (get().session === session) void get().signOut('Your session has ended. Please sign in again.');
          },
        });
        if (get().session !== session) {
          await workspace.close();
          return;
        }
        set({ phase: 'ready', workspace });
      } catch {
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
          const session: Session = { token: answer.token, user: answer.user };
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
        const { workspace } = get();
        clearSession(deps.storage);
        set({ phase: 'signed-out', session: null, workspace: null, message: message ?? null });
        await workspace?.close().catch(() => undefined);
      },
    };
  });
}

export type SessionStore = ReturnType<typeof createSessionStore>;
