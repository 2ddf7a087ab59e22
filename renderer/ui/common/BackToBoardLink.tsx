// Back from the configuration screen to the board.
import ArrowBack from '@mui/icons-material/ArrowBack';
import { Button } from '@mui/material';
import { navigate } from '../../workspace/route';

export function BackToBoardLink() {
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
