// Asks before deactivating (every session of the person ends) or activating an account.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import type { AdminUser } from '../../../../shared/wire';
import { useServerCall } from '../common/useServerCall';

export function ConfirmActiveDialog(props: { person: AdminUser; onConfirm(): Promise<void>; onClose(): void }) {
  const { person, onConfirm, onClose } = props;
  const deactivate = person.active;
  // A refusal shows in the server's words, e.g. "You cannot deactivate your own account".
  const { busy, error, run } = useServerCall();
  const confirm = async () => {
    if (await run(onConfirm)) onClose();
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
