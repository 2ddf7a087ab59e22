// Shown over every screen while the server refuses this release (426): what happened, that nothing
// typed here is lost, and what to do.
import { Alert, AlertTitle } from '@mui/material';
import { APP_VERSION, useUpdateRequired } from '../../workspace/client-version';

export function UpdateRequiredBanner() {
  const minVersion = useUpdateRequired((s) => s.minVersion);
  if (!minVersion) return null;
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="update-required"
      sx={{ position: 'fixed', top: 8, left: '50%', transform: 'translateX(-50%)', zIndex: 2000, maxWidth: 640 }}
    >
      <AlertTitle>Update required</AlertTitle>
      This Baton app ({APP_VERSION}) is older than the server accepts ({minVersion} or newer), so it cannot upload or receive changes. Your
      changes stay on this workstation and upload after the update. Restart Baton to install the update, or ask your IT team.
    </Alert>
  );
}
