// The bar of actions along the bottom: each one shows its key and can be clicked too.
import { Box, Button, Stack } from '@mui/material';
import type { ApprovalKeyHandlers } from './useApprovalKeys';
import { KeyCap } from './KeyCap';

interface Hint {
  key: string;
  label: string;
  run: keyof ApprovalKeyHandlers;
  color: 'success' | 'error' | 'warning' | 'inherit';
  needsItem: boolean;
}

const DECISIONS: Hint[] = [
  { key: 'A', label: 'Approve', run: 'approve', color: 'success', needsItem: true },
  { key: 'R', label: 'Reject…', run: 'reject', color: 'error', needsItem: true },
  { key: 'I', label: 'Send back for info…', run: 'requestInfo', color: 'warning', needsItem: true },
];
const MOVES: Hint[] = [
  { key: 'S', label: 'Skip', run: 'skip', color: 'inherit', needsItem: true },
  { key: 'K', label: 'Previous', run: 'previous', color: 'inherit', needsItem: true },
  { key: 'J', label: 'Next', run: 'next', color: 'inherit', needsItem: true },
  { key: 'U', label: 'Undo', run: 'undo', color: 'inherit', needsItem: false },
];

export function KeyHints({ handlers, hasItem, canUndo }: { handlers: ApprovalKeyHandlers; hasItem: boolean; canUndo: boolean }) {
  const button = (hint: Hint, big: boolean) => (
    <Button
      key={hint.run}
      variant={big ? 'outlined' : 'text'}
      color={hint.color}
      disabled={hint.needsItem ? !hasItem : !canUndo}
      onClick={() => handlers[hint.run]()}
      startIcon={<KeyCap>{hint.key}</KeyCap>}
      sx={{ fontSize: big ? '1rem' : '0.95rem', px: 1.5, py: 0.75, bgcolor: big ? 'background.paper' : undefined }}
      data-testid={`approval-${hint.run}`}
    >
      {hint.label}
    </Button>
  );
  return (
    <Box
      component="nav"
      aria-label="Approval keys"
      sx={{
        borderTop: 1,
        borderColor: 'divider',
        bgcolor: '#eef2f6',
        px: 3,
        py: 1.5,
        display: 'flex',
        alignItems: 'center',
        gap: 3,
        flexWrap: 'wrap',
      }}
    >
      <Stack direction="row" spacing={1.5}>
        {DECISIONS.map((h) => button(h, true))}
      </Stack>
      <Box sx={{ flex: 1 }} />
      <Stack direction="row" spacing={0.5}>
        {MOVES.map((h) => button(h, false))}
      </Stack>
    </Box>
  );
}
