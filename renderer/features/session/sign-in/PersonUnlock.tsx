// One person of this workstation's keyring: their PIN (or password) unlocks their own replica.
import { Button, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Person } from '../../../keyring/keyring';
import { useSession } from '../session-context';

export function PersonUnlock({ person, onBack, showName = true }: { person: Person; onBack?: () => void; showName?: boolean }) {
  const busy = useSession((s) => s.busy);
  const unlock = useSession((s) => s.unlock);
  const [method, setMethod] = useState<'pin' | 'password'>(person.hasPin ? 'pin' : 'password');
  const [secret, setSecret] = useState('');
  const usePin = method === 'pin' && person.hasPin;
  const input = useRef<HTMLInputElement>(null);
  // Disabled while checking loses focus: back to the field for the next try.
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!secret) return;
    void unlock(person.userId, secret, usePin ? 'pin' : 'password').finally(() => setSecret(''));
  };

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label="Unlock">
      {showName && (
        <Typography variant="subtitle1" data-testid="unlock-person">
          {person.displayName}
        </Typography>
      )}
      <TextField
        key={usePin ? 'pin' : 'password'}
        label={usePin ? 'PIN' : 'Password'}
        name={usePin ? 'pin' : 'password'}
        type="password"
        autoComplete="off"
        autoFocus
        inputRef={input}
        slotProps={{ htmlInput: usePin ? { inputMode: 'numeric', maxLength: 8 } : {} }}
        value={secret}
        onChange={(e) => setSecret(usePin ? e.target.value.replace(/\D/g, '') : e.target.value)}
        disabled={busy}
      />
      <Button type="submit" variant="contained" disabled={busy || !secret}>
        {busy ? 'Checking…' : 'Unlock'}
      </Button>
      <Stack direction="row" spacing={1} justifyContent="space-between">
        {person.hasPin ? (
          <Button size="small" onClick={() => setMethod(usePin ? 'password' : 'pin')} disabled={busy}>
            {usePin ? 'Use password instead' : 'Use PIN instead'}
          </Button>
        ) : (
          <span />
        )}
        {onBack && (
          <Button size="small" onClick={onBack} disabled={busy}>
            Someone else
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
