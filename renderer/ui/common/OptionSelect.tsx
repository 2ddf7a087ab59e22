// A select over value/label options: an empty first choice when given ("None", "Any", "Choose…"),
// its test id on the shown value (the browser tests open it there), and, when asked, a value the
// options no longer list (a removed queue) still shown rather than blank.
import { MenuItem, TextField, type TextFieldProps } from '@mui/material';
import type { ReactNode } from 'react';
import type { Option } from '../../catalog/catalog';

type Props = TextFieldProps & {
  options: readonly Option[];
  /** The first choice, value '' (absent: none offered). */
  emptyLabel?: ReactNode;
  testId: string;
  keepUnlisted?: boolean;
};

export function OptionSelect({ options, emptyLabel, testId, keepUnlisted = false, ...field }: Props) {
  const value = typeof field.value === 'string' ? field.value : '';
  const unlisted = keepUnlisted && value !== '' && !options.some((o) => o.value === value);
  return (
    <TextField
      {...field}
      select
      slotProps={{
        inputLabel: { shrink: true },
        select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': testId } as object },
      }}
    >
      {emptyLabel !== undefined && <MenuItem value="">{emptyLabel}</MenuItem>}
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
      {unlisted && <MenuItem value={value}>{value}</MenuItem>}
    </TextField>
  );
}
