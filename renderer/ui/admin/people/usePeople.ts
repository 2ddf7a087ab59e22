// The practice's people as the server lists them, reloaded after every change the admin makes.
// Online only: the list and the changes are the server's admin API, not the replica.
import { useCallback, useEffect, useState } from 'react';
import type { AdminUser } from '../../../../shared/wire';
import { useAdminApi } from '../workstations/useAdminApi';

export function usePeople(online: boolean) {
  const api = useAdminApi();
  const [people, setPeople] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setPeople(await api.listUsers());
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);
  // Loads when the tab opens and again when the connection comes back.
  useEffect(() => {
    if (online) void load();
  }, [online, load]);

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
