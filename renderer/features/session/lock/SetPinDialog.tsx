// Set or change the PIN of the person signed in (from the menu under their name).
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useSession } from '../session-context';
import { PinFields, usePinChoice } from '../sign-in/PinFields';

export function SetPinDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth>
      {open && <SetPinForm onClose={onClose} />}
    </Dialog>
  );
}

function SetPinForm({ onClose }: { onClose(): void }) {
  const setPin = useSession((s) => s.setPin);
  const choice = usePinChoice();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice.ready) return;
    setBusy(true);
    setPin(choice.pin)
      .then(onClose)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : 'The PIN could not be saved.'))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Set PIN">
      <DialogTitle>PIN for this workstation</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2">
            4 to 8 digits, to switch in or unlock on this workstation. It replaces the one you had here.
          </Typography>
          {error && <Alert severity="warning">{error}</Alert>}
          <PinFields choice={choice} disabled={busy} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={busy || !choice.ready}>
          Save PIN
        </Button>
      </DialogActions>
    </form>
  );
}
