// In the top bar: quiet (an icon) while connected with nothing to upload, the upload count while
// changes wait, "Offline" while the server is out of reach (ConnectionBanner then says more).
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import CloudUploadOutlined from '@mui/icons-material/CloudUploadOutlined';
import { Box, Stack, Tooltip, Typography } from '@mui/material';
import { useSyncState } from '../../ui/hooks/useSyncState';

/** Read by screen readers (and the tests' page objects), not shown. */
const HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

export function SyncIndicator() {
  const { online, pending } = useSyncState();
  const quiet = online && pending === 0;
  const hint = online
    ? 'Connected to the Baton server: changes upload as you make them.'
    : 'No connection to the Baton server. Keep working: changes are saved on this workstation and upload when the connection is back.';
  return (
    <Tooltip title={hint}>
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        sx={{
          px: quiet ? 0.5 : 1.25,
          py: 0.5,
          borderRadius: 5,
          border: quiet ? 0 : 1,
          borderColor: online ? 'divider' : 'warning.light',
          bgcolor: online ? 'transparent' : '#fff8ec',
        }}
      >
        <Stack direction="row" spacing={0.75} alignItems="center" data-testid="sync-status" aria-live="polite">
          {!online ? (
            <CloudOffOutlined fontSize="small" sx={{ color: 'warning.main' }} />
          ) : quiet ? (
            <CloudDoneOutlined fontSize="small" sx={{ color: 'success.main' }} />
          ) : (
            <CloudUploadOutlined fontSize="small" sx={{ color: 'primary.main' }} />
          )}
          <Typography variant="body2" fontWeight={600} color={online ? 'success.main' : 'warning.dark'} sx={online ? HIDDEN : undefined}>
            {online ? 'Online' : 'Offline'}
          </Typography>
        </Stack>
        <Typography variant="body2" color="text.secondary" aria-live="polite" sx={quiet ? HIDDEN : undefined} data-testid="sync-upload">
          <Box component="span" data-testid="pending-count" sx={{ fontWeight: 600, color: 'text.primary' }}>
            {pending}
          </Box>{' '}
          {pending === 1 ? 'change' : 'changes'} {online ? 'uploading' : 'waiting to upload'}
        </Typography>
      </Stack>
    </Tooltip>
  );
}
