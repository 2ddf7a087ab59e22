// The temporary password an admin sets (new person, reset): typed or generated, shown in clear so it
// can be handed over; and, once the server took it, shown one last time before the dialog closes.
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { generatePassword } from '../../../../shared/temporary-password';

export function TemporaryPasswordField(props: { value: string; onChange(value: string): void; disabled?: boolean }) {
  return (
    <Stack direction="row" spacing={1} alignItems="flex-start">
      <TextField
        label="Temporary password"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={props.disabled}
        helperText="At least 12 characters; Generate makes a random one."
        autoComplete="off"
        fullWidth
        slotProps={{ htmlInput: { 'data-testid': 'temporary-password', spellCheck: false } }}
      />
      <Button
        onClick={() => props.onChange(generatePassword())}
        disabled={props.disabled}
        sx={{ mt: 1 }}
        data-testid="temporary-password-generate"
      >
        Generate
      </Button>
    </Stack>
  );
}

/** After the server accepted: the only time the password is shown again (it is not stored here). */
export function TemporaryPasswordShown(props: { who: string; password: string }) {
  return (
    <Alert severity="success" data-testid="temporary-password-shown">
      <Typography variant="body2">
        Give this temporary password to {props.who} in person. It is not shown again; at their next sign-in Baton asks them to choose their
        own.
      </Typography>
      <Typography variant="h6" component="p" sx={{ fontFamily: 'monospace', mt: 1 }} data-testid="temporary-password-value">
        {props.password}
      </Typography>
    </Alert>
  );
}
