// The form that issues a credential (an API key, an inbound source, a webhook): what it is for, the
// location, the fields of its kind, the button, the server's refusal and the secret issued, shown once.
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { AdminCard } from '../common/AdminCard';
import { useServerCall } from '../common/useServerCall';
import { LocationSelect, useAdminLocations } from '../workstations/LocationSelect';

/** A credential form's own state: its name and location, and issuing it (the answer shown once). */
export function useNewCredential<Issued>(onCreated: () => void) {
  const [name, setName] = useState('');
  const [location, setLocation] = useState(useAdminLocations()[0]);
  const [issued, setIssued] = useState<Issued | null>(null);
  const { busy, error, setError, run } = useServerCall();
  /** Issues it with `call` (undefined: the form is not valid, `invalid` says why); `after` resets the kind's own fields. */
  const issue = (call: (() => Promise<Issued>) | undefined, invalid: string, after?: () => void) => {
    if (!call) return setError(invalid);
    setIssued(null);
    void run(async () => {
      setIssued(await call());
      setName('');
      after?.();
      onCreated();
    });
  };
  return { name, location, issued, issue, card: { name, onName: setName, location, onLocation: setLocation, busy, error } };
}

interface Props {
  title: string;
  description: string;
  /** The card's; its parts' are `<prefix>-name`, `create-<prefix>`, `<prefix>-error`. */
  testId: string;
  prefix: string;
  nameLabel: string;
  name: string;
  onName(name: string): void;
  location: string;
  onLocation(id: string): void;
  /** Hides the location (a webhook hears of all the admin's locations). */
  noLocation?: boolean;
  /** Fields before the name, in its row (a webhook's URL). */
  leading?: ReactNode;
  createLabel: string;
  busy: boolean;
  onCreate(): void;
  error: string | null;
  issued: ReactNode;
  /** The fields of its kind, between the name and the button. */
  children: ReactNode;
}

export function NewCredentialCard(p: Props) {
  return (
    <AdminCard title={p.title} description={p.description} testId={p.testId}>
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1.5} alignItems="center">
          {p.leading}
          <TextField
            size="small"
            label={p.nameLabel}
            value={p.name}
            onChange={(e) => p.onName(e.target.value)}
            sx={{ minWidth: 320 }}
            slotProps={{ htmlInput: { maxLength: 80, 'data-testid': `${p.prefix}-name` } }}
          />
          {!p.noLocation && <LocationSelect value={p.location} onChange={p.onLocation} />}
        </Stack>
        {p.children}
        <div>
          <Button variant="contained" onClick={p.onCreate} disabled={p.busy} data-testid={`create-${p.prefix}`}>
            {p.createLabel}
          </Button>
        </div>
      </Stack>
      {p.error && (
        <Alert severity="error" sx={{ mt: 1.5 }} data-testid={`${p.prefix}-error`}>
          {p.error}
        </Alert>
      )}
      {p.issued}
    </AdminCard>
  );
}
