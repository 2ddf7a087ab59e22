// Roles and locations as checkboxes, for adding a person and for changing one's access.
import { Checkbox, FormControlLabel, FormGroup, FormLabel, Stack } from '@mui/material';
import { ROLES } from '../../../../shared/wire';
import { locationLabel } from '../../../catalog/practice-labels';
import { toggleLocation, toggleRole, type AccessDraft } from './people';
import { ROLE_LABELS } from '../../../ui/common/labels';
import { usePracticeConfig } from '../usePracticeConfig';

interface Props {
  value: AccessDraft;
  onChange(next: AccessDraft): void;
  /** The locations offered (the practice's, plus any the person holds that it no longer has). */
  locations: readonly string[];
  /** Prefix of the checkboxes' test ids, e.g. 'person' → 'person-role-billing'. */
  testIdPrefix: string;
}

export function AccessFields({ value, onChange, locations, testIdPrefix }: Props) {
  const { config } = usePracticeConfig();
  const box = (checked: boolean, onToggle: (on: boolean) => void, testId: string) => (
    <Checkbox checked={checked} onChange={(e) => onToggle(e.target.checked)} slotProps={{ input: { 'data-testid': testId } as object }} />
  );
  return (
    <Stack direction="row" spacing={4}>
      <FormGroup aria-label="Roles">
        <FormLabel component="legend">Roles (at least one)</FormLabel>
        {ROLES.map((role) => (
          <FormControlLabel
            key={role}
            label={ROLE_LABELS[role]}
            control={box(
              value.roles.includes(role),
              (on) => onChange({ ...value, roles: toggleRole(value.roles, role, on) }),
              `${testIdPrefix}-role-${role}`,
            )}
          />
        ))}
      </FormGroup>
      <FormGroup aria-label="Locations">
        <FormLabel component="legend">Locations (at least one)</FormLabel>
        {locations.map((id) => (
          <FormControlLabel
            key={id}
            label={config.locations.has(id) ? locationLabel(config, id) : `${id} (not configured)`}
            control={box(
              value.locationIds.includes(id),
              (on) => onChange({ ...value, locationIds: toggleLocation(value.locationIds, id, on) }),
              `${testIdPrefix}-location-${id}`,
            )}
          />
        ))}
      </FormGroup>
    </Stack>
  );
}
