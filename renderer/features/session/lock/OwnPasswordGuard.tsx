// After signing in with a password an admin set (new person, reset): the person chooses their own
// before working on. Offline it cannot be done, so it may be put off until the next sign-in or unlock.
import { useState } from 'react';
import { useSession } from '../session-context';
import { useOnline } from '../../../ui/hooks/useSyncState';
import { ChangePasswordDialog } from './ChangePasswordDialog';

export function OwnPasswordGuard() {
  const mustChange = useSession((s) => s.mustChangePassword);
  const online = useOnline();
  const [putOff, setPutOff] = useState(false);
  return <ChangePasswordDialog open={mustChange && !putOff} required online={online} onClose={() => setPutOff(true)} />;
}
