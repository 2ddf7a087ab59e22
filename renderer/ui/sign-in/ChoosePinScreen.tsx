// Offered once after a person's first sign-in on this workstation: a PIN for switching in fast.
import { Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { PIN_PATTERN } from '../../keyring/keyring';
import { useSession } from '../../state/session-context';
import { AccessFrame } from './AccessFrame';

const digits = (value: string) => value.replace(/\D/g, '').slice(0, 8);

export function ChoosePinScreen() {
  const choosePin = useSession((s) => s.choosePin);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const valid = PIN_PATTERN.test(pin);
  const mismatch = again.length >= pin.length && again !== pin;

  const finish = (chosen: string | null) => {
    setBusy(true);
    void choosePin(chosen).finally(() => setBusy(false));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid && again === pin) finish(pin);
  };

  return (
    <AccessFrame subtitle="Quick switching on this workstation">
      <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label="Choose a PIN">
        <Typography variant="body2">
          Choose a PIN of 4 to 8 digits. Next time, pick your name and enter it to switch in or unlock, also while the network is
          down. Your password always works too.
        </Typography>
        <TextField
          label="New PIN"
          name="new-pin"
          type="password"
          autoFocus
          autoComplete="off"
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          value={pin}
          onChange={(e) => setPin(digits(e.target.value))}
          disabled={busy}
        />
        <TextField
          label="Repeat PIN"
          name="repeat-pin"
          type="password"
          autoComplete="off"
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          value={again}
          onChange={(e) => setAgain(digits(e.target.value))}
          error={!!again && mismatch}
          helperText={again && mismatch ? 'The PINs differ.' : ' '}
          disabled={busy}
        />
        <Stack direction="row" spacing={1} justifyContent="flex-end">
          <Button onClick={() => finish(null)} disabled={busy}>
            Not now
          </Button>
          <Button type="submit" variant="contained" disabled={busy || !valid || again !== pin}>
            Save PIN
          </Button>
        </Stack>
      </Stack>
    </AccessFrame>
  );
}
