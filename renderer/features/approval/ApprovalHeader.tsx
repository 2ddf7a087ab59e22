// The approval window's bar: what this is, how many wait, the connection, the way back.
import ArrowBack from '@mui/icons-material/ArrowBack';
import { AppBar, Box, Button, Divider, Stack, Toolbar, Typography } from '@mui/material';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { BrandMark } from '../../ui/common/BrandMark';
import { ConnectionBanner, SyncIndicator } from '../sync-status';

export function ApprovalHeader({ count }: { count: number }) {
  const { user } = useWorkspace();
  return (
    <>
      <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar sx={{ gap: 2, minHeight: 64 }}>
          <Stack direction="row" spacing={1.5} alignItems="center">
            <BrandMark size={32} />
            <Typography component="h1" sx={{ fontSize: '1.3rem', fontWeight: 600 }}>
              Approvals
            </Typography>
            <Divider orientation="vertical" flexItem />
            <Typography sx={{ fontSize: '1.05rem' }} aria-live="polite">
              <Box component="span" data-testid="approval-count" sx={{ fontWeight: 700 }}>
                {count}
              </Box>{' '}
              {count === 1 ? 'item waits' : 'items wait'} for your sign-off
            </Typography>
          </Stack>
          <Box sx={{ flex: 1 }} />
          <Typography variant="body2" color="text.secondary">
            {user.displayName}
          </Typography>
          <SyncIndicator />
          <Button href="#/" startIcon={<ArrowBack />} variant="text" data-testid="back-to-board">
            Back to board
          </Button>
        </Toolbar>
      </AppBar>
      <ConnectionBanner />
    </>
  );
}
