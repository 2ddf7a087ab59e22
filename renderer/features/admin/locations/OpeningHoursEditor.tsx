// A location's opening hours per weekday (several spans a day for a lunch break) and its closures
// (holidays): SLA clocks and due times count only the time it is open.
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { Button, FormHelperText, IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { Closure, OpeningHours } from '../../../../shared/config/schemas';
import { errorUnder, type FieldErrors } from '../admin-forms';
import { removeItem, replaceItem } from '../common/list-ops';
import { useReadOnly } from '../common/read-only';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <IconButton size="small" onClick={onClick} aria-label={label}>
      <DeleteOutline fontSize="small" />
    </IconButton>
  );
}

export function OpeningHoursEditor({
  hours,
  onChange,
  errors,
}: {
  hours: OpeningHours[];
  onChange: (h: OpeningHours[]) => void;
  errors: FieldErrors;
}) {
  const readOnly = useReadOnly();
  const error = errorUnder(errors, 'openingHours');
  return (
    <Stack spacing={1} data-testid="opening-hours-editor">
      <Typography variant="subtitle2">Opening hours per weekday</Typography>
      <FormHelperText sx={{ mt: 0 }}>When listed, these replace the hours above; a day not listed is closed.</FormHelperText>
      {hours.map((h, i) => (
        <Stack key={i} direction="row" spacing={1} alignItems="center">
          <TextField
            select
            label="Day"
            value={h.day}
            onChange={(e) => onChange(replaceItem(hours, i, { ...h, day: Number(e.target.value) }))}
            sx={{ width: 160 }}
          >
            {WEEKDAYS.map((name, day) => (
              <MenuItem key={name} value={day}>
                {name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Opens"
            type="time"
            value={h.open}
            onChange={(e) => onChange(replaceItem(hours, i, { ...h, open: e.target.value }))}
            sx={{ width: 130 }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            label="Closes"
            type="time"
            value={h.close}
            onChange={(e) => onChange(replaceItem(hours, i, { ...h, close: e.target.value }))}
            sx={{ width: 130 }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {!readOnly && <RemoveButton label={`Remove opening hours ${i + 1}`} onClick={() => onChange(removeItem(hours, i))} />}
        </Stack>
      ))}
      {error && <FormHelperText error>Opening hours: {error}</FormHelperText>}
      {!readOnly && (
        <div>
          <Button startIcon={<Add />} onClick={() => onChange([...hours, { day: 1, open: '08:00', close: '17:00' }])}>
            Add opening hours
          </Button>
        </div>
      )}
    </Stack>
  );
}

export function ClosuresEditor({
  closures,
  onChange,
  errors,
}: {
  closures: Closure[];
  onChange: (c: Closure[]) => void;
  errors: FieldErrors;
}) {
  const readOnly = useReadOnly();
  const error = errorUnder(errors, 'closures');
  return (
    <Stack spacing={1} data-testid="closures-editor">
      <Typography variant="subtitle2">Closures (holidays)</Typography>
      {closures.map((c, i) => (
        <Stack key={i} direction="row" spacing={1} alignItems="center">
          <TextField
            label="Date"
            type="date"
            value={c.date}
            onChange={(e) => onChange(replaceItem(closures, i, { ...c, date: e.target.value }))}
            sx={{ width: 180 }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            label="What"
            value={c.label}
            onChange={(e) => onChange(replaceItem(closures, i, { ...c, label: e.target.value }))}
            sx={{ flex: 1 }}
          />
          {!readOnly && <RemoveButton label={`Remove closure ${i + 1}`} onClick={() => onChange(removeItem(closures, i))} />}
        </Stack>
      ))}
      {error && <FormHelperText error>Closures: {error}</FormHelperText>}
      {!readOnly && (
        <div>
          <Button startIcon={<Add />} onClick={() => onChange([...closures, { date: '', label: '' }])}>
            Add closure
          </Button>
        </div>
      )}
    </Stack>
  );
}
