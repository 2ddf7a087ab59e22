// A keyboard key as drawn in the hints: the window is worked with these.
import { Box } from '@mui/material';
import type { ReactNode } from 'react';

export function KeyCap({ children, small = false }: { children: ReactNode; small?: boolean }) {
  return (
    <Box
      component="kbd"
      sx={{
        display: 'inline-grid',
        placeItems: 'center',
        minWidth: small ? 22 : 28,
        height: small ? 22 : 28,
        px: 0.75,
        borderRadius: 1,
        border: 1,
        borderColor: '#c9d2dc',
        borderBottomWidth: 3,
        bgcolor: '#fff',
        color: 'text.primary',
        fontFamily: 'inherit',
        fontSize: small ? 12 : 14,
        fontWeight: 700,
        lineHeight: 1,
      }}
    >
      {children}
    </Box>
  );
}
