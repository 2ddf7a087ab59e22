// One person's out-of-office: first and last day (calendar days of their first location) and who
// covers for them. Opened by the person themself (user menu) or from the staff list (manager,
// admin); the server checks the same policy (shared/policy/config-change.ts).
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { PracticeConfig } from '../../../../shared/config/practice';
import type { StaffMember } from '../../../../shared/config/schemas';
import { personTimeZone } from '../../../../shared/coverage/coverage';
import { validateBody, type FieldErrors } from '../admin-forms';
import { SelectField } from '../common/SelectField';
import { staffOptions } from '../common/options';
import { useSaveEntry } from '../useSaveEntry';

interface Props {
  open: boolean;
  onClose: () => void;
  person: StaffMember;
  config: PracticeConfig;
}

export function OutOfOfficeDialog({ open, onClose, person, config }: Props) {
  const [outFrom, setFrom] = useState(person.outFrom ?? '');
  const [outTo, setTo] = useState(person.outTo ?? '');
  const [coveredBy, setCover] = useState(person.coveredBy ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, save } = useSaveEntry('staff');
  const coverers = staffOptions(config).filter((o) => o.value !== person.userId && config.staff.get(o.value)?.role !== 'admin');

  const submit = async (next: Pick<StaffMember, 'outFrom' | 'outTo' | 'coveredBy'>) => {
    const result = validateBody('staff', { ...person, ...next });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok && (await save(person.userId, result.body))) onClose();
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth data-testid="out-of-office-dialog">
      <DialogTitle>Out of office: {person.displayName}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            Whole days in the time zone of {person.displayName}’s location ({personTimeZone(person, config)}), first and last day included.
            Leave the last day empty to stay out until this is cleared. While out, new work, reviews, reminders and escalations go to the
            person covering.
          </Typography>
          <DateField label="First day out" value={outFrom} onChange={setFrom} error={errors.outFrom} testId="out-from" />
          <DateField label="Last day out" value={outTo} onChange={setTo} error={errors.outTo} testId="out-to" />
          <SelectField
            label="Covered by"
            value={coveredBy}
            options={coverers}
            onChange={setCover}
            emptyLabel="Nobody"
            error={errors.coveredBy}
            testId="covered-by"
          />
          {status.state === 'failed' && <Alert severity="error">Not saved: {status.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void submit({ outFrom: '', outTo: '', coveredBy: '' })} data-testid="out-clear">
          Clear
        </Button>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void submit({ outFrom, outTo, coveredBy })} data-testid="out-save">
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DateField({
  label,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  testId: string;
}) {
  return (
    <TextField
      type="date"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? ' '}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId } }}
    />
  );
}
