// "Reset password": a new temporary password through POST /api/admin/users/:id/password. Every
// workstation where the person is signed in is signed out; the dialog shows the password once.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack } from '@mui/material';
import { useState } from 'react';
import type { AdminUser } from '../../../../shared/wire';
import { checkedPassword } from '../../../ui/checked';
import { useServerCall } from '../common/useServerCall';
import { TemporaryPasswordField, TemporaryPasswordShown } from './TemporaryPassword';

export function ResetPasswordDialog(props: { person: AdminUser; onSave(password: string): Promise<void>; onClose(): void }) {
  const { person, onSave, onClose } = props;
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useServerCall();

  const save = async () => {
    const checked = checkedPassword(password);
    if (!checked.ok) return setError(checked.message);
    if (await run(() => onSave(checked.value))) setDone(true);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="reset-password-title" data-testid="reset-password-dialog" fullWidth maxWidth="sm">
      <DialogTitle id="reset-password-title">Reset the password of {person.displayName}</DialogTitle>
      <DialogContent>
        {done ? (
          <TemporaryPasswordShown who={`${person.displayName} (${person.username})`} password={password} />
        ) : (
          <Stack spacing={2}>
            <DialogContentText>
              Their old password stops working, and every workstation where they are signed in is signed out within seconds.
            </DialogContentText>
            <TemporaryPasswordField value={password} onChange={setPassword} disabled={busy} />
          </Stack>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="reset-password-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {done ? (
          <Button variant="contained" onClick={onClose} data-testid="reset-password-done">
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="contained" color="warning" onClick={() => void save()} disabled={busy} data-testid="reset-password-save">
              Reset password
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
