// The app's few screens, chosen by the URL hash so the desktop shell can open a window on one.
import { useSyncExternalStore } from 'react';

export type Route = 'board' | 'approval' | 'admin' | 'dashboard';

function routeOf(hash: string): Route {
  if (hash.startsWith('#/approval')) return 'approval';
  if (hash.startsWith('#/admin')) return 'admin';
  if (hash.startsWith('#/dashboard')) return 'dashboard';
  return 'board';
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  return useSyncExternalStore(
    subscribe,
    () => routeOf(window.location.hash),
    () => 'board',
  );
}

export function navigate(route: Route): void {
  window.location.hash = route === 'board' ? '#/' : `#/${route}`;
}
