// A new PIN typed twice: digits only, 4 to 8 of them.
import { TextField } from '@mui/material';
import { useState } from 'react';
import { PIN_PATTERN } from '../../../keyring/keyring';

const digits = (value: string) => value.replace(/\D/g, '').slice(0, 8);

export function usePinChoice() {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again.length >= pin.length && again !== pin;
  return {
    pin,
    again,
    setPin: (v: string) => setPin(digits(v)),
    setAgain: (v: string) => setAgain(digits(v)),
    mismatch,
    ready: PIN_PATTERN.test(pin) && again === pin,
  };
}

export function PinFields({ choice, disabled }: { choice: ReturnType<typeof usePinChoice>; disabled?: boolean }) {
  return (
    <>
      <TextField
        label="New PIN"
        name="new-pin"
        type="password"
        autoFocus
        autoComplete="off"
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        value={choice.pin}
        onChange={(e) => choice.setPin(e.target.value)}
        disabled={disabled}
      />
      <TextField
        label="Repeat PIN"
        name="repeat-pin"
        type="password"
        autoComplete="off"
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        value={choice.again}
        onChange={(e) => choice.setAgain(e.target.value)}
        error={!!choice.again && choice.mismatch}
        helperText={choice.again && choice.mismatch ? 'The PINs differ.' : ' '}
        disabled={disabled}
      />
    </>
  );
}
