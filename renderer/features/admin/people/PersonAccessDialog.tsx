// Edits one person's roles and locations (checkboxes); saves through PATCH /api/admin/users/:id.
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import type { AdminUser, UserAccessPatch } from '../../../../shared/wire';
import { accessPatch, draftOf, locationChoices } from './people';
import { useServerCall } from '../common/useServerCall';
import { usePracticeConfig } from '../usePracticeConfig';
import { AccessFields } from './AccessFields';

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
        <Box sx={{ pt: 1 }}>
          <AccessFields value={draft} onChange={setDraft} locations={locations} testIdPrefix="person" />
        </Box>
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
