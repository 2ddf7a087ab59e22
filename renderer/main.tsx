// Renderer entry: pick the host, reopen a stored session, render.
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installClientVersion } from './workspace/client-version';
import { getHost } from './host';
import { createSessionStore } from './features/session';
import { SessionStoreContext } from './features/session';

installClientVersion(window);
const store = createSessionStore({ host: getHost(), storage: window.localStorage, tabStorage: window.sessionStorage });
void store.getState().restore();

createRoot(document.getElementById('root')!).render(
  <SessionStoreContext.Provider value={store}>
    <App />
  </SessionStoreContext.Provider>,
);
