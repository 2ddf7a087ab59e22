// The intake form's fields, the task type first: it fills the queue, the due time and the
// checklist, and decides which fields are required (marked with *). A native select, so typing
// "med" on it picks "Medication refill" without opening a menu (the provider's too).
import { Grid, MenuItem, TextField, type TextFieldProps } from '@mui/material';
import type { PracticeConfig } from '../../../shared/config/practice';
import { CHANNELS, PRIORITIES } from '../../../shared/task';
import { CHANNEL_LABELS, PRIORITY_LABELS, type Option } from '../../catalog/catalog';
import { OptionSelect } from '../../ui/common/OptionSelect';
import { requiredFields, type IntakeErrors, type IntakeValues } from './intake';
import { categoryOptions, providerOptions, queueOptions, typeOptions } from '../../catalog/practice-labels';

export interface IntakeFieldsProps {
  values: IntakeValues;
  errors: IntakeErrors;
  config: PracticeConfig;
  onChange: <K extends keyof IntakeValues>(key: K, value: IntakeValues[K]) => void;
  onType: (typeId: string) => void;
  /** The person has been in a field (its errors now show as they type). */
  onTouch: (key: keyof IntakeValues) => void;
  suggestion?: string;
  disabled?: boolean;
}

export function IntakeFields({ values, errors, config, onChange, onType, onTouch, suggestion, disabled }: IntakeFieldsProps) {
  const required = requiredFields(values, config);
  const field = <K extends keyof IntakeValues>(key: K, label: string, extra: Partial<TextFieldProps> = {}): TextFieldProps => ({
    label,
    value: values[key],
    error: !!errors[key],
    helperText: errors[key],
    disabled,
    fullWidth: true,
    required: required.has(key as never),
    onChange: (e) => onChange(key, e.target.value as IntakeValues[K]),
    onBlur: () => onTouch(key),
    slotProps: { htmlInput: { 'data-testid': `field-${key}` }, inputLabel: { shrink: true } },
    ...extra,
  });
  /** A native select: typing the first letters of an option picks it, no menu to open. */
  const typeAhead = (
    key: 'typeId' | 'providerId',
    label: string,
    options: Option[],
    empty: string,
    extra: Partial<TextFieldProps> = {},
  ) => (
    <TextField
      {...field(key, label, extra)}
      select
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': `field-${key}` }, inputLabel: { shrink: true } }}
    >
      <option value="">{empty}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
  const select = <K extends keyof IntakeValues>(key: K, label: string, options: Option[], extra: Partial<TextFieldProps> = {}) => (
    <OptionSelect {...field(key, label, extra)} options={options} emptyLabel={<em>None</em>} testId={`field-${key}`} />
  );

  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        {typeAhead('typeId', 'Task type', typeOptions(config), 'Choose the kind of request…', {
          required: true,
          autoFocus: true,
          onChange: (e) => onType(e.target.value),
        })}
      </Grid>
      <Grid size={12}>
        <TextField {...field('title', 'Title')} required helperText={errors.title ?? suggestion} />
      </Grid>
      <Grid size={6}>
        <TextField {...field('patientRef', 'Patient reference')} placeholder="MRN and initials, e.g. MRN 100234 J.D." />
      </Grid>
      <Grid size={6}>{typeAhead('providerId', 'Provider', providerOptions(config), 'None')}</Grid>
      <Grid size={12}>
        <TextField {...field('description', 'Request details')} multiline minRows={2} maxRows={8} />
      </Grid>
      <Grid size={6}>{select('queue', 'Queue', queueOptions(config), { required: true })}</Grid>
      <Grid size={6}>
        <TextField {...field('due', 'Due')} type="datetime-local" required />
      </Grid>
      <Grid size={6}>
        <TextField
          {...field('priority', 'Priority')}
          select
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'field-priority' } as object } }}
        >
          {PRIORITIES.map((p) => (
            <MenuItem key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid size={6}>
        <TextField
          {...field('channel', 'Came in by')}
          select
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'field-channel' } as object } }}
        >
          {CHANNELS.map((c) => (
            <MenuItem key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      {required.has('category') && <Grid size={12}>{select('category', 'Category', categoryOptions(config))}</Grid>}
    </Grid>
  );
}
