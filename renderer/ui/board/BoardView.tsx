// The board: one column per status, scrolled sideways.
import { Box } from '@mui/material';
import { TASK_STATUSES } from '../../../shared/task';
import { BoardColumn } from './BoardColumn';

export function BoardView() {
  return (
    <Box
      data-testid="board"
      sx={{ height: '100%', display: 'flex', gap: 1.5, px: 2, pb: 2, overflowX: 'auto', alignItems: 'stretch' }}
    >
      {TASK_STATUSES.map((status) => (
        <BoardColumn key={status} status={status} />
      ))}
    </Box>
  );
}
