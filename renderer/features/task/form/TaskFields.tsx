// A task's editable fields in the drawer (status moves go through the move dialog, not here).
import { Grid, TextField } from '@mui/material';
import { CHANNELS, PRIORITIES } from '../../../../shared/task';
import { CHANNEL_LABELS, PRIORITY_LABELS, type Option } from '../../../catalog/catalog';
import { categoryOptions, providerOptions, queueOptions, staffOptions, typeOptions } from '../../../catalog/practice-labels';
import { OptionSelect } from '../../../ui/common/OptionSelect';
import { usePracticeConfig } from '../../../ui/hooks/usePracticeConfig';
import type { FormErrors, TaskFormValues } from './form-values';

export interface TaskFieldsProps {
  values: TaskFormValues;
  errors: FormErrors;
  onChange: <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) => void;
  disabled?: boolean;
  /** Fields this user may not change (the policy): shown, not editable. */
  locked?: (key: keyof TaskFormValues) => boolean;
}

export function TaskFields({ values, errors, onChange, disabled, locked }: TaskFieldsProps) {
  const config = usePracticeConfig();
  const field = <K extends keyof TaskFormValues>(key: K, label: string) => ({
    label,
    value: values[key],
    error: !!errors[key],
    helperText: errors[key],
    disabled: disabled || !!locked?.(key),
    fullWidth: true,
    onChange: (e: { target: { value: string } }) => onChange(key, e.target.value as TaskFormValues[K]),
    slotProps: { htmlInput: { 'data-testid': `field-${key}` } },
  });
  const select = <K extends keyof TaskFormValues>(key: K, label: string, options: Option[], none?: string) => (
    <OptionSelect {...field(key, label)} options={options} emptyLabel={none} testId={`field-${key}`} keepUnlisted />
  );

  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <TextField {...field('title', 'Title')} required />
      </Grid>
      <Grid size={6}>{select('typeId', 'Task type', typeOptions(config))}</Grid>
      <Grid size={6}>{select('queue', 'Queue', queueOptions(config))}</Grid>
      <Grid size={4}>
        {select(
          'priority',
          'Priority',
          PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })),
        )}
      </Grid>
      <Grid size={4}>
        <TextField
          {...field('dueDate', 'Due date')}
          type="date"
          required
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'field-dueDate' } }}
        />
      </Grid>
      <Grid size={4}>
        {select(
          'channel',
          'Came in by',
          CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
        )}
      </Grid>
      <Grid size={6}>
        <TextField {...field('patientRef', 'Patient reference')} placeholder="MRN and initials, e.g. MRN 100234 J.D." />
      </Grid>
      <Grid size={6}>{select('ownerId', 'Owner', staffOptions(config), 'Unassigned')}</Grid>
      <Grid size={6}>{select('providerId', 'Provider', providerOptions(config), 'None')}</Grid>
      <Grid size={6}>{select('category', 'Category', categoryOptions(config), 'Not set')}</Grid>
      <Grid size={12}>
        <TextField {...field('description', 'Request details')} multiline rows={4} />
      </Grid>
      <Grid size={12}>
        <TextField {...field('reasonNote', 'Reason note')} placeholder="What the reason code does not say" />
      </Grid>
    </Grid>
  );
}
