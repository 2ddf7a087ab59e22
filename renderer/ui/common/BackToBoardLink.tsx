// Back from the configuration screen or the dashboard to the board.
import ArrowBack from '@mui/icons-material/ArrowBack';
import { Button } from '@mui/material';
import { navigate } from '../../workspace/route';
import { useMayFileTasks } from '../hooks/useTaskPermissions';

export function BackToBoardLink() {
  // Someone who reads no task (the admin) has no board to go back to.
  const hasBoard = useMayFileTasks();
  if (!hasBoard) return null;
  return (
    <Button
      href="#/"
      startIcon={<ArrowBack />}
      onClick={(e) => {
        e.preventDefault();
        navigate('board');
      }}
      data-testid="back-to-board"
    >
      Back to board
    </Button>
  );
}
