// One location: its name and time zone, business hours, per-weekday opening hours and closures
// (due times and SLA clocks count only open time), and the
// shared-workstation settings: minutes without input before a workstation locks, and how long
// after the last online sign-in people may still sign in offline.
import { Checkbox, FormControlLabel, FormGroup, FormLabel, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import type { LocationConfig } from '../../../../shared/config/schemas';
import { toNumber, validateBody, type FieldErrors } from '../admin-forms';
import { EditorFrame } from '../common/EditorFrame';
import { useSaveEntry } from '../useSaveEntry';
import { ClosuresEditor, OpeningHoursEditor } from './OpeningHoursEditor';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface Props {
  locationKey: string;
  body: LocationConfig;
  readOnly: boolean;
}

export function LocationEditor({ locationKey, body, readOnly }: Props) {
  const [form, setForm] = useState<LocationConfig>(body);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, save, reset } = useSaveEntry('location');

  const update = (next: LocationConfig) => {
    setForm(next);
    setErrors({});
    reset();
  };
  const hours = (field: 'startHour' | 'endHour', text: string) =>
    update({ ...form, businessHours: { ...form.businessHours, [field]: toNumber(text) } });
  const toggleDay = (day: number) => {
    const days = form.businessHours.days.includes(day)
      ? form.businessHours.days.filter((d) => d !== day)
      : [...form.businessHours.days, day].sort();
    update({ ...form, businessHours: { ...form.businessHours, days } });
  };
  const onSave = async () => {
    const closures = form.closures.map((c) => ({ ...c, label: c.label.trim() }));
    const result = validateBody('location', { ...form, label: form.label.trim(), timeZone: form.timeZone.trim(), closures });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) await save(locationKey, result.body);
  };
  const number = (label: string, value: number, path: string, onChange: (text: string) => void, helper?: string) => (
    <TextField
      label={label}
      type="number"
      value={Number.isNaN(value) ? '' : value}
      onChange={(e) => onChange(e.target.value)}
      error={!!errors[path]}
      helperText={errors[path] ?? helper}
      sx={{ width: 260 }}
      slotProps={{ htmlInput: { 'aria-label': label } }}
    />
  );

  return (
    <EditorFrame
      title={form.label || locationKey}
      subtitle={`Key: ${locationKey}`}
      readOnly={readOnly}
      hasErrors={Object.keys(errors).length > 0}
      status={status}
      onSave={() => void onSave()}
      saveLabel="Save"
    >
      <Stack spacing={2} sx={{ maxWidth: 560 }}>
        <TextField
          label="Name"
          value={form.label}
          onChange={(e) => update({ ...form, label: e.target.value })}
          error={!!errors.label}
          helperText={errors.label}
        />
        <TextField
          label="Time zone"
          value={form.timeZone}
          onChange={(e) => update({ ...form, timeZone: e.target.value })}
          error={!!errors.timeZone}
          helperText={errors.timeZone ?? 'As the operating system names it, e.g. America/Chicago'}
        />
        <Stack direction="row" spacing={2}>
          {number('Opens at (hour)', form.businessHours.startHour, 'businessHours.startHour', (t) => hours('startHour', t))}
          {number('Closes at (hour)', form.businessHours.endHour, 'businessHours.endHour', (t) => hours('endHour', t))}
        </Stack>
        <div>
          <FormLabel component="legend">Open on</FormLabel>
          <FormGroup row>
            {DAYS.map((label, day) => (
              <FormControlLabel
                key={label}
                label={label}
                control={<Checkbox checked={form.businessHours.days.includes(day)} onChange={() => toggleDay(day)} />}
              />
            ))}
          </FormGroup>
        </div>
        <OpeningHoursEditor hours={form.openingHours} onChange={(openingHours) => update({ ...form, openingHours })} errors={errors} />
        <ClosuresEditor closures={form.closures} onChange={(closures) => update({ ...form, closures })} errors={errors} />
        {number(
          'Lock after (minutes without input)',
          form.lockAfterMinutes,
          'lockAfterMinutes',
          (t) => update({ ...form, lockAfterMinutes: toNumber(t) }),
          'Shared workstations lock themselves; 1 to 1440',
        )}
        {number(
          'Offline sign-in (hours since the last online sign-in)',
          form.offlineSignInHours,
          'offlineSignInHours',
          (t) => update({ ...form, offlineSignInHours: toNumber(t) }),
          'PIN or password without the server; 0 turns offline sign-in off',
        )}
      </Stack>
    </EditorFrame>
  );
}
