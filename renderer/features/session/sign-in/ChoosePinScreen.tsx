// Offered once after a person's first sign-in on this workstation: a PIN for switching in fast.
import { Button, Stack, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useSession } from '../session-context';
import { AccessFrame } from './AccessFrame';
import { PinFields, usePinChoice } from './PinFields';

export function ChoosePinScreen() {
  const choosePin = useSession((s) => s.choosePin);
  const choice = usePinChoice();
  const [busy, setBusy] = useState(false);

  const finish = (chosen: string | null) => {
    setBusy(true);
    void choosePin(chosen).finally(() => setBusy(false));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice.ready) finish(choice.pin);
  };

  return (
    <AccessFrame subtitle="Quick switching on this workstation">
      <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label="Choose a PIN">
        <Typography variant="body2">
          Choose a PIN of 4 to 8 digits. Next time, pick your name and enter it to switch in or unlock, also while the network is down. Your
          password always works too. You can set or change it later in the menu under your name.
        </Typography>
        <PinFields choice={choice} disabled={busy} />
        <Stack direction="row" spacing={1} justifyContent="flex-end">
          <Button onClick={() => finish(null)} disabled={busy}>
            Not now
          </Button>
          <Button type="submit" variant="contained" disabled={busy || !choice.ready}>
            Save PIN
          </Button>
        </Stack>
      </Stack>
    </AccessFrame>
  );
}
