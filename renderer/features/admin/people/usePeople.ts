// The practice's people as the server lists them, reloaded after every change the admin makes.
// Online only: the list and the changes are the server's admin API, not the replica.
import { useCallback } from 'react';
import { useServerList } from '../common/useServerList';
import { useAdminApi } from '../workstations/useAdminApi';

export function usePeople(online: boolean) {
  const api = useAdminApi();
  // Loads when the tab opens and again when the connection comes back.
  const { items: people, error, load } = useServerList(api.listUsers, online);

  /** Runs one change and reloads; rejects with the server's message (shown where the change was made). */
  const change = useCallback(
    async (work: () => Promise<unknown>) => {
      await work();
      await load();
    },
    [load],
  );

  return { api, people, error, load, change };
}
