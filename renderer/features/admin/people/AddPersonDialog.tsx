// "Add person": username, name, roles, locations and a temporary password, sent to
// POST /api/admin/users; the server's refusal (a taken username, a location not yours) shows here.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import type { AdminUser, NewUserRequest } from '../../../../shared/wire';
import { newPersonRequest, type NewPersonDraft } from './people';
import { useServerCall } from '../common/useServerCall';
import { usePracticeConfig } from '../usePracticeConfig';
import { AccessFields } from './AccessFields';
import { TemporaryPasswordField, TemporaryPasswordShown } from './TemporaryPassword';

export function AddPersonDialog(props: {
  adminLocationIds: readonly string[];
  onSave(body: NewUserRequest): Promise<AdminUser>;
  onClose(): void;
}) {
  const { onSave, onClose } = props;
  const { config } = usePracticeConfig();
  // Only locations this admin administers: the server refuses any other.
  const locations = [...config.locations.keys()].filter((id) => props.adminLocationIds.includes(id));
  const [draft, setDraft] = useState<NewPersonDraft>(() => ({
    username: '',
    displayName: '',
    roles: [],
    locationIds: locations.length === 1 ? [...locations] : [],
    password: '',
  }));
  const [added, setAdded] = useState<AdminUser | null>(null);
  const { busy, error, setError, run } = useServerCall();
  const set = (patch: Partial<NewPersonDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const save = async () => {
    const checked = newPersonRequest(draft);
    if (!checked.ok) return setError(checked.message);
    await run(async () => setAdded(await onSave(checked.value)));
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="add-person-title" data-testid="add-person-dialog" fullWidth maxWidth="sm">
      <DialogTitle id="add-person-title">Add a person</DialogTitle>
      <DialogContent>
        {added ? (
          <TemporaryPasswordShown who={`${added.displayName} (${added.username})`} password={draft.password} />
        ) : (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Stack direction="row" spacing={2}>
              <TextField
                label="Username"
                value={draft.username}
                onChange={(e) => set({ username: e.target.value })}
                autoComplete="off"
                fullWidth
                slotProps={{ htmlInput: { 'data-testid': 'add-person-username' } }}
              />
              <TextField
                label="Display name"
                value={draft.displayName}
                onChange={(e) => set({ displayName: e.target.value })}
                fullWidth
                slotProps={{ htmlInput: { 'data-testid': 'add-person-name' } }}
              />
            </Stack>
            <AccessFields
              value={draft}
              onChange={(access) => setDraft((d) => ({ ...d, ...access }))}
              locations={locations}
              testIdPrefix="add-person"
            />
            <TemporaryPasswordField value={draft.password} onChange={(password) => set({ password })} disabled={busy} />
          </Stack>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="add-person-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {added ? (
          <Button variant="contained" onClick={onClose} data-testid="add-person-done">
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="add-person-save">
              Add person
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
