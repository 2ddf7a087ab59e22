import { Chip } from '@mui/material';
import type { Priority } from '../../../shared/task';
import { PRIORITY_LABELS } from '../../catalog/catalog';

const COLORS: Record<Priority, { bg: string; fg: string }> = {
  low: { bg: '#eef1f4', fg: '#5b6775' },
  normal: { bg: '#e8f0f8', fg: '#2f5d8a' },
  high: { bg: '#fdf1e1', fg: '#9a5b13' },
  urgent: { bg: '#fbe4e4', fg: '#a12d2d' },
};

export function PriorityChip({ priority }: { priority: Priority }) {
  const c = COLORS[priority];
  return (
    <Chip
      label={PRIORITY_LABELS[priority]}
      sx={{ height: 20, fontSize: 11, fontWeight: 600, bgcolor: c.bg, color: c.fg, '& .MuiChip-label': { px: 0.75 } }}
    />
  );
}
