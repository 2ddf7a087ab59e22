// "Restart to update": shown once the desktop app has downloaded a release and every window is at
// a safe moment (no dialog open, nothing waiting to upload unless the server refuses this release).
// "Later" hides it until the next release; quitting Baton installs the downloaded one anyway.
import { Alert, Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useUpdateRequired } from '../../workspace/client-version';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { pendingCount$ } from '../../db/tasks';
import { getHost } from '../../host';
import { useObservable } from '../../ui/hooks/useObservable';
import { useUpdateOffer } from './useUpdateOffer';

export function RestartToUpdate({ pendingUploads }: { pendingUploads: number }) {
  const host = getHost();
  const updateRequired = useUpdateRequired((s) => s.minVersion !== null);
  const status = useUpdateOffer(host, pendingUploads, updateRequired);
  const [later, setLater] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  if (!status.version || !status.canRestart || (later === status.version && !updateRequired)) return null;

  const restart = async () => setRefused(!(await host.updates!.restart()));
  return (
    <Alert
      severity={updateRequired ? 'warning' : 'info'}
      data-testid="restart-to-update"
      sx={{ position: 'fixed', bottom: 16, left: '50%', transform: 'translateX(-50%)', zIndex: 1400, maxWidth: 640, boxShadow: 3 }}
      action={
        <Stack direction="row" spacing={1}>
          {!updateRequired && (
            <Button color="inherit" size="small" onClick={() => setLater(status.version)}>
              Later
            </Button>
          )}
          <Button color="inherit" size="small" variant="outlined" onClick={() => void restart()}>
            Restart to update
          </Button>
        </Stack>
      }
    >
      Baton {status.version} is ready.{' '}
      {pendingUploads > 0
        ? `Your ${pendingUploads} change${pendingUploads === 1 ? '' : 's'} waiting to upload stay on this workstation and upload after the restart.`
        : 'Restarting takes a moment; you may need to sign in again.'}
      {refused && ' Close what is open in the other window first.'}
    </Alert>
  );
}

/** Signed in: the open replica's changes waiting to upload hold the restart back. */
export function WorkspaceRestartToUpdate() {
  const { workspace } = useWorkspace();
  const pending = useObservable(() => pendingCount$(workspace.db), 0, [workspace]);
  return <RestartToUpdate pendingUploads={pending} />;
}
