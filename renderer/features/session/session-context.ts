// The session store of this window, handed down so tests and hosts can build their own.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SessionStore } from './session';
import type { SessionState } from './session-deps';

export const SessionStoreContext = createContext<SessionStore | null>(null);

export function useSession<T>(select: (state: SessionState) => T): T {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('useSession outside SessionStoreContext');
  return useStore(store, select);
}

/** The store itself, for callbacks that read the latest state when they run (tokens renew). */
export function useSessionStore(): SessionStore {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('useSessionStore outside SessionStoreContext');
  return store;
}
