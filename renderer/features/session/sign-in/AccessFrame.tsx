// The card the sign-in, PIN and lock screens share.
import { Alert, Box, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useSession } from '../session-context';
import { BrandMark } from '../../../ui/common/BrandMark';

export function AccessFrame({ subtitle, children, testId }: { subtitle: string; children: ReactNode; testId?: string }) {
  const message = useSession((s) => s.message);
  return (
    // The screen's main landmark, with the product's name as its one level-1 heading.
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}
      data-testid={testId}
    >
      <Paper variant="outlined" sx={{ width: 380, p: 4 }}>
        <Stack spacing={2}>
          <Stack direction="row" spacing={1.5} alignItems="center">
            <BrandMark size={36} />
            <Box>
              <Typography variant="h6" component="h1">
                Baton
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {subtitle}
              </Typography>
            </Box>
          </Stack>
          {message && (
            <Alert severity="warning" data-testid="sign-in-message">
              {message}
            </Alert>
          )}
          {children}
        </Stack>
      </Paper>
    </Box>
  );
}
