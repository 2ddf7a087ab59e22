// Change one's own password (from the menu under one's name): online only. The server checks the
// current one; this workstation's keyring then takes the new one, and the person's other sessions end.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { NewPassword } from '../../../shared/wire';
import { useSession } from '../../state/session-context';

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth>
      {open && <ChangePasswordForm onClose={onClose} />}
    </Dialog>
  );
}

/** What is wrong with the new password as typed so far, or null. */
function newPasswordError(current: string, next: string): string | null {
  if (next === '') return null;
  const checked = NewPassword.safeParse(next);
  if (!checked.success) return checked.error.issues[0]?.message ?? 'Choose another password';
  return next === current ? 'The new password must differ from the current one' : null;
}

function ChangePasswordForm({ onClose }: { onClose(): void }) {
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
      <DialogTitle>Change your password</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2">At least 12 characters. You stay signed in here; your other sign-ins end. Your PIN does not change.</Typography>
          {error && (
            <Alert severity="warning" data-testid="change-password-error">
              {error}
            </Alert>
          )}
          <TextField label="Current password" type="password" autoComplete="current-password" autoFocus value={current} onChange={(e) => setCurrent(e.target.value)} disabled={busy} />
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
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={busy || !ready} data-testid="change-password-submit">
          Change password
        </Button>
      </DialogActions>
    </form>
  );
}
