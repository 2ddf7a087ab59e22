// What a user without configuration rights sees at '#/admin'.
import LockOutlined from '@mui/icons-material/LockOutlined';
import { Paper, Stack, Typography } from '@mui/material';
import { BackToBoardLink } from '../../ui/common/BackToBoardLink';

export function NoAccess() {
  return (
    <Stack alignItems="center" sx={{ pt: 10, px: 2 }}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 440, textAlign: 'center' }} data-testid="admin-no-access">
        <LockOutlined color="action" />
        <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
          You don't have access
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1, mb: 2 }}>
          The practice configuration is changed by an administrator. Ask your practice administrator if something needs to change.
        </Typography>
        <BackToBoardLink />
      </Paper>
    </Stack>
  );
}
