// Asks before an admin action that cannot be taken back quietly (deactivating a person, revoking a
// workstation); the server's refusal shows in its own words and the dialog stays open.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { ReactNode } from 'react';
import { useServerCall } from './useServerCall';

interface Props {
  title: ReactNode;
  text: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  testId: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** Test ids: `testId` (the dialog), `testId` without "-dialog" for the confirm button, and that plus "-error". */
export function ConfirmDialog({ title, text, confirmLabel, danger = false, testId, onConfirm, onClose }: Props) {
  const { busy, error, run } = useServerCall();
  const confirm = async () => {
    if (await run(onConfirm)) onClose();
  };
  const base = testId.replace(/-dialog$/, '');
  return (
    <Dialog open onClose={onClose} aria-labelledby={`${base}-title`} data-testid={testId}>
      <DialogTitle id={`${base}-title`}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid={`${base}-error`}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color={danger ? 'error' : 'primary'} onClick={() => void confirm()} disabled={busy} data-testid={base}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
