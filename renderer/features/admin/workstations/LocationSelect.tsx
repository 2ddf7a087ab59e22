// The locations this admin administers, as a select (enrollment codes and tokens, update policy).
import { MenuItem, TextField } from '@mui/material';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { locationLabel } from '../../../catalog/practice-labels';
import { usePracticeConfig } from '../usePracticeConfig';

/** The admin's locations, the workstation's first when the admin has none listed. */
export function useAdminLocations(): string[] {
  const { user, locationId } = useWorkspace();
  return user.locationIds?.length ? user.locationIds : [locationId];
}

export function LocationSelect({ value, onChange, testId }: { value: string; onChange(id: string): void; testId?: string }) {
  const { config } = usePracticeConfig();
  const locations = useAdminLocations();
  return (
    <TextField
      select
      size="small"
      label="Location"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 220 }}
      data-testid={testId}
    >
      {locations.map((id) => (
        <MenuItem key={id} value={id}>
          {locationLabel(config, id)}
        </MenuItem>
      ))}
    </TextField>
  );
}
