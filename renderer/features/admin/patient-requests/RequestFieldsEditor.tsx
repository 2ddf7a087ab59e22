// The fields a request type asks for: label, kind and whether it is required; add, remove, reorder.
import Add from '@mui/icons-material/Add';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { Button, Checkbox, FormControlLabel, FormHelperText, IconButton, Stack, TextField, Typography } from '@mui/material';
import { REQUEST_FIELD_KINDS, type RequestField, type RequestFieldKind } from '../../../../shared/config/schemas';
import { moveItem, removeItem, replaceItem } from '../common/list-ops';
import { useReadOnly } from '../common/read-only';
import { SelectField } from '../common/SelectField';

const KIND_LABELS: Record<RequestFieldKind, string> = {
  text: 'Short text',
  long_text: 'Long text',
  date: 'Date',
  phone: 'Phone number',
  email: 'E-mail address',
};
const KIND_OPTIONS = REQUEST_FIELD_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

export function RequestFieldsEditor({
  fields,
  onChange,
  error,
}: {
  fields: RequestField[];
  onChange: (f: RequestField[]) => void;
  error?: string;
}) {
  const readOnly = useReadOnly();
  return (
    <Stack spacing={1} data-testid="request-fields-editor">
      <Typography variant="subtitle2">Fields the patient fills in</Typography>
      <Typography variant="body2" color="text.secondary">
        Besides a phone number or e-mail address and the request itself. Ask only what staff need to find the patient and act.
      </Typography>
      {fields.map((field, i) => {
        const name = `Field ${i + 1}`;
        const change = (patch: Partial<RequestField>) => onChange(replaceItem(fields, i, { ...field, ...patch }));
        return (
          <Stack key={i} direction={{ xs: 'column', md: 'row' }} spacing={1} alignItems={{ md: 'center' }}>
            <TextField label={`${name}: label`} value={field.label} onChange={(e) => change({ label: e.target.value })} sx={{ flex: 2 }} />
            <Stack sx={{ flex: 1, minWidth: 170 }}>
              <SelectField
                label={`${name}: kind`}
                value={field.kind}
                options={KIND_OPTIONS}
                onChange={(v) => change({ kind: v as RequestFieldKind })}
              />
            </Stack>
            <FormControlLabel
              label="Required"
              control={<Checkbox checked={field.required} onChange={(e) => change({ required: e.target.checked })} />}
            />
            {!readOnly && (
              <Stack direction="row">
                <IconButton
                  size="small"
                  disabled={i === 0}
                  onClick={() => onChange(moveItem(fields, i, i - 1))}
                  aria-label={`Move ${name} up`}
                >
                  <ArrowUpward fontSize="small" />
                </IconButton>
                <IconButton size="small" onClick={() => onChange(removeItem(fields, i))} aria-label={`Remove ${name}`}>
                  <DeleteOutline fontSize="small" />
                </IconButton>
              </Stack>
            )}
          </Stack>
        );
      })}
      {error && <FormHelperText error>Fields: {error}</FormHelperText>}
      {!readOnly && (
        <div>
          <Button startIcon={<Add />} onClick={() => onChange([...fields, { id: '', label: '', kind: 'text', required: false }])}>
            Add field
          </Button>
        </div>
      )}
    </Stack>
  );
}
