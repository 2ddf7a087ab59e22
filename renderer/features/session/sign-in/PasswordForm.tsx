// Username and password: the first sign-in on a workstation, and always when online.
import { Button, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useSession } from '../session-context';

export function PasswordForm() {
  const busy = useSession((s) => s.busy);
  const signIn = useSession((s) => s.signIn);
  const wanted = useSession((s) => s.username);
  const [username, setUsername] = useState(wanted ?? '');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return;
    void signIn(username, password).then(() => setPassword(''));
  };

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label="Sign in">
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoFocus={!wanted}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        disabled={busy}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        autoFocus={!!wanted}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        disabled={busy}
      />
      <Button type="submit" variant="contained" size="medium" disabled={busy || !username.trim() || !password}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </Stack>
  );
}
