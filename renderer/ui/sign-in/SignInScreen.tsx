// Unique sign-in per user on a shared workstation.
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../state/session-context';
import { BrandMark } from '../common/BrandMark';

export function SignInScreen() {
  const phase = useSession((s) => s.phase);
  const message = useSession((s) => s.message);
  const signIn = useSession((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const busy = phase === 'signing-in';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return;
    void signIn(username, password).then(() => setPassword(''));
  };

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}>
      <Paper variant="outlined" sx={{ width: 360, p: 4 }}>
        <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label="Sign in">
          <Stack direction="row" spacing={1.5} alignItems="center">
            <BrandMark size={36} />
            <Box>
              <Typography variant="h6">Baton</Typography>
              <Typography variant="body2" color="text.secondary">
                Sign in to your practice's task board
              </Typography>
            </Box>
          </Stack>
          {message && (
            <Alert severity="warning" data-testid="sign-in-message">
              {message}
            </Alert>
          )}
          <TextField
            label="Username"
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
          />
          <Button type="submit" variant="contained" size="medium" disabled={busy || !username.trim() || !password}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
