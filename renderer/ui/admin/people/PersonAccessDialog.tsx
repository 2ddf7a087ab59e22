// Edits one person's roles and locations (checkboxes); saves through PATCH /api/admin/users/:id.
import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, Stack } from '@mui/material';
import { useState } from 'react';
import { ROLES, type AdminUser, type UserAccessPatch } from '../../../../shared/wire';
import { locationLabel } from '../../../data/practice-labels';
import { accessPatch, draftOf, locationChoices, toggleLocation, toggleRole } from '../../../data/people';
import { ROLE_LABELS } from '../../common/labels';
import { useServerCall } from '../common/useServerCall';
import { usePracticeConfig } from '../usePracticeConfig';

export function PersonAccessDialog(props: { person: AdminUser; onSave(patch: UserAccessPatch): Promise<void>; onClose(): void }) {
  const { person, onSave, onClose } = props;
  const { config } = usePracticeConfig();
  const [draft, setDraft] = useState(() => draftOf(person));
  // Refusals show in the server's own words: an unknown location, an admin removing their own admin role.
  const { busy, error, setError, run } = useServerCall();
  const locations = locationChoices(config.locations.keys(), person.locationIds);

  const save = async () => {
    const result = accessPatch(person, draft);
    if (!result.ok) return setError(result.message);
    if (!result.patch) return onClose();
    const { patch } = result;
    if (await run(() => onSave(patch))) onClose();
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="person-access-title" data-testid="person-access-dialog" fullWidth maxWidth="sm">
      <DialogTitle id="person-access-title">Roles and locations of {person.displayName}</DialogTitle>
      <DialogContent>
        <Stack direction="row" spacing={4} sx={{ pt: 1 }}>
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
                    slotProps={{ input: { 'data-testid': `person-role-${role}` } as object }}
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
                label={config.locations.has(id) ? locationLabel(config, id) : `${id} (not configured)`}
                control={
                  <Checkbox
                    checked={draft.locationIds.includes(id)}
                    onChange={(e) => setDraft((d) => ({ ...d, locationIds: toggleLocation(d.locationIds, id, e.target.checked) }))}
                    slotProps={{ input: { 'data-testid': `person-location-${id}` } as object }}
                  />
                }
              />
            ))}
          </FormGroup>
        </Stack>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="person-access-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="person-access-save">
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
