// Asks before deactivating (every session of the person ends) or activating an account.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useState } from 'react';
import type { AdminUser } from '../../../../shared/wire';

export function ConfirmActiveDialog(props: { person: AdminUser; onConfirm(): Promise<void>; onClose(): void }) {
  const { person, onConfirm, onClose } = props;
  const deactivate = person.active;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      // e.g. "You cannot deactivate your own account", as the server says it.
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="confirm-active-title" data-testid="confirm-active-dialog">
      <DialogTitle id="confirm-active-title">
        {deactivate ? 'Deactivate' : 'Activate'} {person.displayName}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {deactivate
            ? 'They can no longer sign in, and every workstation where they are signed in is signed out within seconds. Their tasks stay as they are.'
            : 'They can sign in again with their password.'}
        </DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="confirm-active-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color={deactivate ? 'error' : 'primary'} onClick={() => void confirm()} disabled={busy} data-testid="confirm-active">
          {deactivate ? 'Deactivate' : 'Activate'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
