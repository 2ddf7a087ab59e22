// While someone works: the automatic lock (location's minutes of inactivity), Ctrl+L (⌘L) to lock
// at once, and remembering the location's limits for the next offline sign-in.
import { useEffect, useState } from 'react';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { getHost } from '../../../host';
import { browserActivityChannel, lockAfterSeconds, startAutoLock } from '../../../host/auto-lock';
import { policyOf, rememberLocationPolicy } from '../../../keyring/location-policy';
import { useSession } from '../session-context';
import { usePracticeConfig } from '../../../ui/hooks/usePracticeConfig';

const isLockKey = (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l';

export function SessionGuards() {
  const { locationId } = useWorkspace();
  const config = usePracticeConfig();
  const lock = useSession((s) => s.lock);
  const location = config.locations.get(locationId);
  const { lockAfterMinutes, offlineSignInHours } = policyOf(location);
  const [workstationLimit, setWorkstationLimit] = useState<number | undefined>();

  useEffect(() => {
    getHost()
      .getWorkstationConfig?.()
      .then((info) => setWorkstationLimit(info.idleLockSeconds))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    if (location) rememberLocationPolicy(window.localStorage, locationId, { lockAfterMinutes, offlineSignInHours });
  }, [location, locationId, lockAfterMinutes, offlineSignInHours]);

  useEffect(
    () =>
      startAutoLock({
        host: getHost(),
        target: window,
        lockAfterSeconds: lockAfterSeconds(lockAfterMinutes, workstationLimit),
        onLock: () => void lock('inactivity'),
        shared: browserActivityChannel,
      }),
    [lockAfterMinutes, workstationLimit, lock],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isLockKey(event)) return;
      event.preventDefault();
      void lock('manual');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  return null;
}
