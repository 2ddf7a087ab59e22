// Queues or categories: rename one, or add a new one (its key is the slug of the label). A queue
// also names its lead: level-1 SLA escalations go to them (or to whoever covers for them).
import Add from '@mui/icons-material/Add';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { entriesOf } from '../admin-config';
import { slugKey, validateBody, type FieldErrors } from '../admin-forms';
import { SelectField } from '../common/SelectField';
import { staffOptions } from '../common/options';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { useSaveEntry } from '../useSaveEntry';

type Kind = 'queue' | 'category';

export function LabelledListCard({ kind, title, hint }: { kind: Kind; title: string; hint: string }) {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit(kind);
  const entries = entriesOf(config, kind);
  return (
    <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, p: 2, overflow: 'auto' }} data-testid={`labels-${kind}`}>
      <Typography variant="subtitle2">{title}</Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 2 }}>
        {hint}
      </Typography>
      {!mayEdit && (
        <Alert severity="info" variant="outlined" sx={{ mb: 2 }} data-testid="admin-read-only">
          Read only: only an administrator changes {kind === 'queue' ? 'queues' : 'categories'}.
        </Alert>
      )}
      <Stack spacing={1.5}>
        {entries.map((e) => {
          const lead = 'lead' in e.body ? String(e.body.lead) : '';
          return (
            <LabelRow
              key={`${e.key}:${e.body.label}:${lead}`}
              kind={kind}
              entryKey={e.key}
              label={e.body.label}
              lead={lead}
              readOnly={!mayEdit}
            />
          );
        })}
        {mayEdit && <NewLabelRow kind={kind} taken={entries.map((e) => e.key)} />}
      </Stack>
    </Paper>
  );
}

function LabelRow({
  kind,
  entryKey,
  label,
  lead,
  readOnly,
}: {
  kind: Kind;
  entryKey: string;
  label: string;
  lead: string;
  readOnly: boolean;
}) {
  const { config } = usePracticeConfig();
  const [value, setValue] = useState(label);
  const [leadValue, setLead] = useState(lead);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { save } = useSaveEntry(kind);
  const onSave = () => {
    // A queue's save keeps (or changes) its lead: a rename alone must not clear it.
    const result = validateBody(kind, kind === 'queue' ? { label: value.trim(), lead: leadValue } : { label: value.trim() });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) void save(entryKey, result.body);
  };
  const changed = value !== label || leadValue !== lead;
  return (
    <Stack direction="row" spacing={1} alignItems="flex-start" data-testid={`${kind}-row`} data-key={entryKey}>
      <TextField
        fullWidth
        value={value}
        disabled={readOnly}
        onChange={(e) => setValue(e.target.value)}
        error={!!errors.label}
        helperText={errors.label ?? `Key: ${entryKey}`}
        slotProps={{ htmlInput: { 'aria-label': `Label of ${label}` } }}
      />
      {kind === 'queue' && (
        <SelectField
          label="Lead"
          value={leadValue}
          options={staffOptions(config)}
          onChange={setLead}
          emptyLabel="No lead"
          error={errors.lead}
          helperText="Escalations go here first"
          testId={`queue-lead-${entryKey}`}
          disabled={readOnly}
        />
      )}
      {!readOnly && changed && (
        <Button variant="contained" onClick={onSave} sx={{ mt: 0.5 }}>
          Save
        </Button>
      )}
    </Stack>
  );
}

function NewLabelRow({ kind, taken }: { kind: Kind; taken: string[] }) {
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { save } = useSaveEntry(kind);
  const onAdd = async () => {
    const result = validateBody(kind, { label: value.trim() });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok && (await save(slugKey(value, taken, kind), result.body))) setValue('');
  };
  return (
    <Stack direction="row" spacing={1} alignItems="flex-start" sx={{ pt: 1 }}>
      <TextField
        fullWidth
        value={value}
        placeholder={kind === 'queue' ? 'New queue' : 'New category'}
        onChange={(e) => {
          setValue(e.target.value);
          setErrors({});
        }}
        error={!!errors.label}
        helperText={errors.label ?? (value.trim() ? `Key: ${slugKey(value, taken, kind)}` : ' ')}
        slotProps={{ htmlInput: { 'aria-label': kind === 'queue' ? 'New queue' : 'New category' } }}
      />
      <Button variant="outlined" startIcon={<Add />} onClick={() => void onAdd()} sx={{ mt: 0.5, flexShrink: 0 }}>
        Add
      </Button>
    </Stack>
  );
}
