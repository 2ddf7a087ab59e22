// Across the screen while the workstation cannot reach the server: work goes on here, and how much
// waits to upload. Nothing shows while it is connected.
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import { Alert, Box } from '@mui/material';
import { useSyncState } from '../../ui/hooks/useSyncState';

export function ConnectionBanner() {
  const { online, pending } = useSyncState();
  if (online) return null;
  return (
    <Alert
      severity="warning"
      icon={<CloudOffOutlined fontSize="inherit" />}
      role="status"
      sx={{ borderRadius: 0, py: 0.25, borderBottom: 1, borderColor: 'warning.light' }}
      data-testid="offline-banner"
    >
      <strong>Offline.</strong> Keep working: your changes are saved on this workstation.{' '}
      {pending === 0 ? (
        'Nothing is waiting to upload.'
      ) : (
        <>
          <Box component="strong" data-testid="offline-pending">
            {pending}
          </Box>{' '}
          {pending === 1 ? 'change waits' : 'changes wait'} to upload when the connection is back.
        </>
      )}
    </Alert>
  );
}
