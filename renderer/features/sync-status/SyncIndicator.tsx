// Always visible: whether this workstation reaches the server and how much waits to upload.
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import { Box, Stack, Tooltip, Typography } from '@mui/material';
import { useSyncState } from '../../ui/hooks/useSyncState';

export function SyncIndicator() {
  const { online, pending } = useSyncState();
  const hint = online
    ? 'Connected to the Baton server: changes upload as you make them.'
    : 'No connection to the Baton server. Keep working: changes are saved on this workstation and upload when the connection is back.';
  return (
    <Tooltip title={hint}>
      <Stack
        direction="row"
        spacing={1.5}
        alignItems="center"
        sx={{
          px: 1.25,
          py: 0.5,
          borderRadius: 5,
          border: 1,
          borderColor: online ? 'divider' : 'warning.light',
          bgcolor: online ? 'background.paper' : '#fff8ec',
        }}
      >
        <Stack direction="row" spacing={0.75} alignItems="center" data-testid="sync-status" aria-live="polite">
          {online ? (
            <CloudDoneOutlined fontSize="small" sx={{ color: 'success.main' }} />
          ) : (
            <CloudOffOutlined fontSize="small" sx={{ color: 'warning.main' }} />
          )}
          <Typography variant="body2" fontWeight={600} color={online ? 'success.main' : 'warning.main'}>
            {online ? 'Online' : 'Offline'}
          </Typography>
        </Stack>
        <Box sx={{ width: '1px', alignSelf: 'stretch', bgcolor: 'divider' }} />
        <Typography variant="body2" color="text.secondary" aria-live="polite">
          <Box component="span" data-testid="pending-count" sx={{ fontWeight: 600, color: pending ? 'text.primary' : 'inherit' }}>
            {pending}
          </Box>{' '}
          {pending === 1 ? 'change' : 'changes'} waiting to upload
        </Typography>
      </Stack>
    </Tooltip>
  );
}
