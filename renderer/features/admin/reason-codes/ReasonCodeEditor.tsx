// One reason code: kind, label, active. A new one gets its key from the label (a unique slug).
import { FormControlLabel, FormHelperText, Stack, Switch, TextField } from '@mui/material';
import { REASON_KINDS, type ReasonCode, type ReasonKind } from '../../../../shared/config/schemas';
import { slugKey, validateBody } from '../admin-forms';
import { EditorFrame } from '../common/EditorFrame';
import { SelectField } from '../common/SelectField';
import { useEntryEditor, type EntryEditorProps, type EntryForm } from '../common/useEntryEditor';

export const REASON_KIND_LABELS: Record<ReasonKind, string> = {
  exception: 'Exception (waiting)',
  rejection: 'Rejection',
  needs_info: 'Needs information',
  reopen: 'Reopen',
};
const KIND_OPTIONS = REASON_KINDS.map((k) => ({ value: k, label: REASON_KIND_LABELS[k] }));

const FORM: EntryForm<'reason_code', ReasonCode> = {
  toForm: (body) => body ?? { kind: 'exception', label: '', active: true },
  fromForm: (form) => validateBody('reason_code', { ...form, label: form.label.trim() }),
  newKey: (form, takenKeys) => slugKey(form.label, takenKeys, 'reason'),
};

export function ReasonCodeEditor(props: EntryEditorProps<'reason_code'>) {
  const { entryKey } = props;
  const { form, errors, key, set, frame } = useEntryEditor('reason_code', props, FORM);

  return (
    <EditorFrame
      {...frame}
      title={entryKey ? form.label || entryKey : 'New reason code'}
      subtitle={!entryKey && form.label.trim() === '' ? 'Key: made from the label' : `Key: ${key}`}
      saveLabel={entryKey ? 'Save' : 'Add reason code'}
    >
      <Stack spacing={2} sx={{ maxWidth: 520 }}>
        <TextField
          label="Label"
          value={form.label}
          autoFocus={!entryKey}
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
