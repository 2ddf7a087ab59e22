// A list from the server's admin API (people, sessions): loaded while `enabled`, reloaded on demand,
// with the server's own words when it fails.
import { useCallback, useEffect, useState } from 'react';

export function useServerList<T>(fetchList: () => Promise<T[]>, enabled = true) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setItems(await fetchList());
    } catch (e) {
      setError((e as Error).message);
    }
  }, [fetchList]);
  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);
  return { items, error, setError, load };
}
