// Every request to the sync server names this app's release (X-Baton-Client-Version); a 426
// answer means the server needs a newer app, and the app says so until a request succeeds again.
// Installed once around the window's fetch (main.tsx), so no call site can forget the header.
import { create } from 'zustand';
import { version } from '../../package.json';
import { CLIENT_VERSION_HEADER, ClientTooOld } from '../../shared/client-version';

export const APP_VERSION: string = version;

/** The oldest release the server accepts, while it refuses this one (null: nothing refused). */
export const useUpdateRequired = create<{ minVersion: string | null }>(() => ({ minVersion: null }));

function withClientVersion(inner: typeof fetch, onRefused: (minVersion: string | null) => void): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(CLIENT_VERSION_HEADER, APP_VERSION);
    const response = await inner(input, { ...init, headers });
    if (response.status === 426) {
      const body = ClientTooOld.safeParse(
        await response
          .clone()
          .json()
          .catch(() => null),
      );
      if (body.success) onRefused(body.data.minVersion);
    } else if (response.ok) {
      onRefused(null);
    }
    return response;
  };
}

/** Wraps the window's fetch for the whole app. */
export function installClientVersion(target: { fetch: typeof fetch }): void {
  target.fetch = withClientVersion(target.fetch.bind(target), (minVersion) => {
    if (useUpdateRequired.getState().minVersion !== minVersion) useUpdateRequired.setState({ minVersion });
  });
}
