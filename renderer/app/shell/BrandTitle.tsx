// The left of every top bar: the brand, then what this screen is.
import { Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { BrandMark } from '../../ui/common/BrandMark';

export function BrandTitle({ children }: { children: ReactNode }) {
  return (
    <Stack direction="row" spacing={1.25} alignItems="center">
      <BrandMark />
      <Typography variant="h6" component="h1">
        Baton
      </Typography>
      <Divider orientation="vertical" flexItem />
      <Typography variant="body2" color="text.secondary">
        {children}
      </Typography>
    </Stack>
  );
}
