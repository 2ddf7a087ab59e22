// The "New …" button above an entry list; shown only to someone who may edit that kind.
import Add from '@mui/icons-material/Add';
import { Button } from '@mui/material';

export function NewEntryButton({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <Button variant="outlined" startIcon={<Add />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}
