// "Add person": username, name, roles, locations and a temporary password, sent to
// POST /api/admin/users; the server's refusal (a taken username, a location not yours) shows here.
import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { ROLES, type AdminUser, type NewUserRequest } from '../../../../shared/wire';
import { locationLabel } from '../../../data/practice-labels';
import { newPersonRequest, toggleLocation, toggleRole, type NewPersonDraft } from '../../../data/people';
import { ROLE_LABELS } from '../../common/labels';
import { useServerCall } from '../common/useServerCall';
import { usePracticeConfig } from '../usePracticeConfig';
import { TemporaryPasswordField, TemporaryPasswordShown } from './TemporaryPassword';

export function AddPersonDialog(props: { adminLocationIds: readonly string[]; onSave(body: NewUserRequest): Promise<AdminUser>; onClose(): void }) {
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
            <Stack direction="row" spacing={4}>
              <FormGroup aria-label="Roles">
                <FormLabel component="legend">Roles (at least one)</FormLabel>
                {ROLES.map((role) => (
                  <FormControlLabel
                    key={role}
                    label={ROLE_LABELS[role]}
                    control={
                      <Checkbox
                        checked={draft.roles.includes(role)}
                        onChange={(e) => setDraft((d) => ({ ...d, roles: toggleRole(d.roles, role, e.target.checked) }))}
                        slotProps={{ input: { 'data-testid': `add-person-role-${role}` } as object }}
                      />
                    }
                  />
                ))}
              </FormGroup>
              <FormGroup aria-label="Locations">
                <FormLabel component="legend">Locations (at least one)</FormLabel>
                {locations.map((id) => (
                  <FormControlLabel
                    key={id}
                    label={locationLabel(config, id)}
                    control={
                      <Checkbox
                        checked={draft.locationIds.includes(id)}
                        onChange={(e) => setDraft((d) => ({ ...d, locationIds: toggleLocation(d.locationIds, id, e.target.checked) }))}
                        slotProps={{ input: { 'data-testid': `add-person-location-${id}` } as object }}
                      />
                    }
                  />
                ))}
              </FormGroup>
            </Stack>
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
