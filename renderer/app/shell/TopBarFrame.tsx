// What the main window's top bars share: the bar, and the brand with the screen's name beside it;
// each bar adds its own items after them. Under the bar, the offline banner.
import { AppBar, Divider, Stack, Toolbar, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { BrandMark } from '../../ui/common/BrandMark';
import { ConnectionBanner } from '../../features/sync-status';

export function TopBarFrame({ screen, children }: { screen: ReactNode; children: ReactNode }) {
  return (
    <>
      <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Stack direction="row" spacing={1.25} alignItems="center">
            <BrandMark />
            <Typography variant="h6" component="h1">
              Baton
            </Typography>
            <Divider orientation="vertical" flexItem />
            <Typography variant="body2" color="text.secondary">
              {screen}
            </Typography>
          </Stack>
          {children}
        </Toolbar>
      </AppBar>
      <ConnectionBanner />
    </>
  );
}
