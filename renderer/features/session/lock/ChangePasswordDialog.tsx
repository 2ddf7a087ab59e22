// Change one's own password (from the menu under one's name): online only. The server checks the
// current one; this workstation's keyring then takes the new one, and the person's other sessions end.
// `required`: after signing in with a password an admin set; it can only be put off while offline.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { checkedPassword } from '../../../ui/checked';
import { useSession } from '../session-context';

interface Props {
  open: boolean;
  onClose(): void;
  required?: boolean;
  /** With `required`: whether the server can be reached (else the person may put it off). */
  online?: boolean;
}

export function ChangePasswordDialog({ open, onClose, required = false, online = true }: Props) {
  const mayClose = !required || !online;
  return (
    <Dialog open={open} onClose={mayClose ? onClose : undefined} maxWidth="xs" fullWidth>
      {open && <ChangePasswordForm onClose={onClose} required={required} mayClose={mayClose} />}
    </Dialog>
  );
}

/** What is wrong with the new password as typed so far, or null. */
function newPasswordError(current: string, next: string): string | null {
  if (next === '') return null;
  const checked = checkedPassword(next);
  if (!checked.ok) return checked.message;
  return next === current ? 'The new password must differ from the current one' : null;
}

function ChangePasswordForm({ onClose, required, mayClose }: { onClose(): void; required: boolean; mayClose: boolean }) {
  const changePassword = useSession((s) => s.changePassword);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nextError = newPasswordError(current, next);
  const againError = again !== '' && again !== next ? 'The passwords differ' : null;
  const ready = current !== '' && next !== '' && !nextError && again === next;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    changePassword(current, next)
      .then(() => setDone(true))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : 'The password could not be changed.'))
      .finally(() => setBusy(false));
  };

  if (done) {
    return (
      <>
        <DialogTitle>Password changed</DialogTitle>
        <DialogContent>
          <Alert severity="success" data-testid="change-password-done">
            Use the new password from now on, on every workstation. Your other sign-ins have ended.
          </Alert>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={onClose} autoFocus>
            Close
          </Button>
        </DialogActions>
      </>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      <DialogTitle>{required ? 'Choose your own password' : 'Change your password'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} data-testid={required ? 'password-required' : undefined}>
          {required && (
            <Typography variant="body2">
              An administrator set the password you signed in with. Choose one only you know to go on
              {mayClose ? ' (this needs a connection: you can do it later).' : '.'}
            </Typography>
          )}
          <Typography variant="body2">
            At least 12 characters. You stay signed in here; your other sign-ins end. Your PIN does not change.
          </Typography>
          {error && (
            <Alert severity="warning" data-testid="change-password-error">
              {error}
            </Alert>
          )}
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            disabled={busy}
          />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={!!nextError}
            helperText={nextError ?? ' '}
            disabled={busy}
          />
          <TextField
            label="Repeat new password"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            error={!!againError}
            helperText={againError ?? ' '}
            disabled={busy}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        {mayClose && (
          <Button onClick={onClose} disabled={busy}>
            {required ? 'Later' : 'Cancel'}
          </Button>
        )}
        <Button type="submit" variant="contained" disabled={busy || !ready} data-testid="change-password-submit">
          Change password
        </Button>
      </DialogActions>
    </form>
  );
}
