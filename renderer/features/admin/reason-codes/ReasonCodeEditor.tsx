// One reason code: kind, label, active. A new one gets its key from the label (a unique slug).
import { FormControlLabel, FormHelperText, Stack, Switch, TextField } from '@mui/material';
import { useState } from 'react';
import { REASON_KINDS, type ReasonCode, type ReasonKind } from '../../../../shared/config/schemas';
import { slugKey, validateBody, type FieldErrors } from '../admin-forms';
import { EditorFrame } from '../common/EditorFrame';
import { SelectField } from '../common/SelectField';
import type { NewEntryProps } from '../common/useEntrySelection';
import { useSaveEntry } from '../useSaveEntry';

export const REASON_KIND_LABELS: Record<ReasonKind, string> = {
  exception: 'Exception (waiting)',
  rejection: 'Rejection',
  needs_info: 'Needs information',
  reopen: 'Reopen',
};
const KIND_OPTIONS = REASON_KINDS.map((k) => ({ value: k, label: REASON_KIND_LABELS[k] }));

interface Props extends NewEntryProps {
  /** Absent for a new reason code. */
  reasonKey?: string;
  body?: ReasonCode;
  readOnly: boolean;
}

export function ReasonCodeEditor({ reasonKey, body, takenKeys, readOnly, onCreated, justCreated }: Props) {
  const [form, setForm] = useState<ReasonCode>(body ?? { kind: 'exception', label: '', active: true });
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, save, reset } = useSaveEntry('reason_code', { isNew: !reasonKey, onCreated, justCreated });
  const key = reasonKey ?? slugKey(form.label, takenKeys, 'reason');

  const set = <F extends keyof ReasonCode>(field: F, value: ReasonCode[F]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors({});
    reset();
  };
  const onSave = async () => {
    const result = validateBody('reason_code', { ...form, label: form.label.trim() });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) await save(key, result.body);
  };

  return (
    <EditorFrame
      title={reasonKey ? form.label || reasonKey : 'New reason code'}
      subtitle={!reasonKey && form.label.trim() === '' ? 'Key: made from the label' : `Key: ${key}`}
      readOnly={readOnly}
      hasErrors={Object.keys(errors).length > 0}
      status={status}
      onSave={() => void onSave()}
      saveLabel={reasonKey ? 'Save' : 'Add reason code'}
    >
      <Stack spacing={2} sx={{ maxWidth: 520 }}>
        <TextField
          label="Label"
          value={form.label}
          autoFocus={!reasonKey}
          onChange={(e) => set('label', e.target.value)}
          error={!!errors.label}
          helperText={errors.label}
        />
        <SelectField
          label="Used for"
          value={form.kind}
          options={KIND_OPTIONS}
          onChange={(v) => set('kind', v as ReasonKind)}
          error={errors.kind}
          testId="reason-kind"
        />
        <div>
          <FormControlLabel label="Active" control={<Switch checked={form.active} onChange={(e) => set('active', e.target.checked)} />} />
          <FormHelperText>Inactive codes are no longer offered; tasks and reports keep the ones already used.</FormHelperText>
        </div>
      </Stack>
    </EditorFrame>
  );
}
