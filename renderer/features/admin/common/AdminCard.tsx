// One card of the online administration screens: a heading, its buttons, a line saying what it is for.
import { Paper, Stack, Typography, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  description?: ReactNode;
  /** Buttons beside the heading. */
  actions?: ReactNode;
  sx?: SxProps<Theme>;
  testId?: string;
  children: ReactNode;
}

type SxList = Extract<SxProps<Theme>, readonly unknown[]>;
// Array.isArray alone narrows `sx` to any[].
const isSxList = (sx: SxProps<Theme>): sx is SxList => Array.isArray(sx);
/** The caller's `sx` as a list, so the card's own style goes first and theirs overrides it. */
const sxList = (sx: SxProps<Theme> | undefined): SxList => (sx === undefined ? [] : isSxList(sx) ? sx : [sx]);

export function AdminCard({ title, description, actions, sx, testId, children }: Props) {
  return (
    <Paper variant="outlined" sx={[{ p: 2 }, ...sxList(sx)]} data-testid={testId}>
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1" component="h3" fontWeight={600}>
          {title}
        </Typography>
        {actions && (
          <Stack direction="row" spacing={1}>
            {actions}
          </Stack>
        )}
      </Stack>
      {description && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {description}
        </Typography>
      )}
      {children}
    </Paper>
  );
}
