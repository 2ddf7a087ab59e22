// One call to the server's admin API from a button: busy while it runs, and the server's own
// words when it refuses (the API module turns every failure into a readable message).
import { useCallback, useState } from 'react';

export function useServerCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `call`; true when it succeeded. */
  const run = useCallback(async (call: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await call();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
