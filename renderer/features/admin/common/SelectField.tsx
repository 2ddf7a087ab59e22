// A labelled select over value/label options, with its error under it.
import { MenuItem, TextField } from '@mui/material';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  error?: string;
  helperText?: string;
  /** Offered first with value '' (e.g. "Any"). */
  emptyLabel?: string;
  testId?: string;
  disabled?: boolean;
}

export function SelectField({ label, value, options, onChange, error, helperText, emptyLabel, testId, disabled }: Props) {
  // A value no longer in the options (e.g. a removed queue) stays visible instead of blank.
  const known = value === '' || options.some((o) => o.value === value);
  return (
    <TextField
      select
      fullWidth
      label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? helperText}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': testId } as object } }}
    >
      {emptyLabel !== undefined && <MenuItem value="">{emptyLabel}</MenuItem>}
      {!known && <MenuItem value={value}>{value}</MenuItem>}
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
