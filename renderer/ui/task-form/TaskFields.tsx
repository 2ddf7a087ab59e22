// The task's editable fields, shared by the intake dialog and the task drawer.
import { Grid, MenuItem, TextField } from '@mui/material';
import { CHANNELS, PRIORITIES } from '../../../shared/task';
import { CHANNEL_LABELS, PRIORITY_LABELS, QUEUES, TASK_TYPES } from '../../catalog/catalog';
import type { FormErrors, TaskFormValues } from './form-values';

export interface TaskFieldsProps {
  values: TaskFormValues;
  errors: FormErrors;
  onChange: <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) => void;
  /** Owner and waiting reason show when editing an existing task. */
  showWorkFields?: boolean;
  ownerOptions?: { value: string; label: string }[];
  disabled?: boolean;
}

export function TaskFields({ values, errors, onChange, showWorkFields, ownerOptions, disabled }: TaskFieldsProps) {
  const field = <K extends keyof TaskFormValues>(key: K, label: string) => ({
    label,
    value: values[key],
    error: !!errors[key],
    helperText: errors[key],
    disabled,
    fullWidth: true,
    onChange: (e: { target: { value: string } }) => onChange(key, e.target.value as TaskFormValues[K]),
    slotProps: { htmlInput: { 'data-testid': `field-${key}` } },
  });
  const selectField = <K extends keyof TaskFormValues>(key: K, label: string) => ({
    ...field(key, label),
    select: true,
    slotProps: { select: { SelectDisplayProps: { 'data-testid': `field-${key}` } as object } },
  });

  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <TextField {...field('title', 'Title')} required autoFocus />
      </Grid>
      <Grid size={6}>
        <TextField
          {...selectField('typeId', 'Task type')}
          required
          onChange={(e) => {
            const typeId = e.target.value;
            onChange('typeId', typeId);
            const type = TASK_TYPES.find((t) => t.value === typeId);
            if (type && !values.queue) onChange('queue', type.defaultQueue);
          }}
        >
          {TASK_TYPES.map((t) => (
            <MenuItem key={t.value} value={t.value}>
              {t.label}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={6}>
        <TextField {...selectField('queue', 'Queue')} required>
          {QUEUES.map((q) => (
            <MenuItem key={q.value} value={q.value}>
              {q.label}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={4}>
        <TextField {...selectField('priority', 'Priority')}>
          {PRIORITIES.map((p) => (
            <MenuItem key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={4}>
        <TextField {...field('dueDate', 'Due date')} type="date" required slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'field-dueDate' } }} />
      </Grid>
      <Grid size={4}>
        <TextField {...selectField('channel', 'Came in by')}>
          {CHANNELS.map((c) => (
            <MenuItem key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={showWorkFields ? 6 : 12}>
        <TextField {...field('patientRef', 'Patient reference')} placeholder="MRN and initials, e.g. MRN 100234 J.D." />
      </Grid>
      {showWorkFields && (
        <Grid size={6}>
          <TextField
            {...selectField('ownerId', 'Owner')}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'field-ownerId' } as object } }}
          >
            {(ownerOptions ?? []).map((o) => (
              <MenuItem key={o.value || 'none'} value={o.value}>
                {o.label}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
      )}
      <Grid size={12}>
        <TextField {...field('description', 'Description')} multiline minRows={2} maxRows={8} />
      </Grid>
      {showWorkFields && (
        <Grid size={12}>
          <TextField {...field('reasonNote', 'Waiting for')} placeholder="e.g. insurer callback, records from Dr. Smith" />
        </Grid>
      )}
    </Grid>
  );
}
