// One request type of the patient request page: what the patient reads, the task type it files,
// the locations that offer it, its fields and how long its status link works.
import { Checkbox, FormControlLabel, FormGroup, FormHelperText, Grid, Stack, Switch, TextField, Typography } from '@mui/material';
import { errorUnder, slugKey } from '../admin-forms';
import { EditorFrame } from '../common/EditorFrame';
import { locationOptions, taskTypeOptions } from '../common/options';
import { SelectField } from '../common/SelectField';
import { useEntryEditor, type EntryEditorProps, type EntryForm } from '../common/useEntryEditor';
import { usePracticeConfig } from '../usePracticeConfig';
import { RequestFieldsEditor } from './RequestFieldsEditor';
import { blankRequestType, requestTypeFromForm, requestTypeToForm, type RequestTypeForm } from './request-type-form';

const FORM: EntryForm<'request_type', RequestTypeForm> = {
  toForm: (body) => requestTypeToForm(body ?? blankRequestType()),
  fromForm: requestTypeFromForm,
  newKey: (form, takenKeys) => slugKey(form.label, takenKeys, 'request'),
  clearOnlyChangedField: true,
};

export function RequestTypeEditor(props: EntryEditorProps<'request_type'>) {
  const { entryKey, body } = props;
  const { config } = usePracticeConfig();
  const { form, errors, key, set, frame } = useEntryEditor('request_type', props, FORM);
  const locations = locationOptions(config);
  const toggleLocation = (id: string, on: boolean) =>
    set(
      'locationIds',
      locations.map((l) => l.value).filter((l) => (l === id ? on : form.locationIds.includes(l))),
    );

  return (
    <EditorFrame
      {...frame}
      title={body?.label ?? 'New request type'}
      subtitle={!entryKey && form.label.trim() === '' ? 'Key: made from the label' : `Key: ${key} (the API’s typeId)`}
      saveLabel={entryKey ? 'Save' : 'Add request type'}
    >
      <Stack spacing={3}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              fullWidth
              label="What the patient reads"
              value={form.label}
              autoFocus={!entryKey}
              onChange={(e) => set('label', e.target.value)}
              error={!!errors.label}
              helperText={errors.label ?? 'Also the title of the task it files'}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SelectField
              label="Files a task of type"
              value={form.taskTypeId}
              options={taskTypeOptions(config)}
              onChange={(v) => set('taskTypeId', v)}
              error={errors.taskTypeId}
              helperText="Its queue, due time and checklist apply"
            />
          </Grid>
          <Grid size={12}>
            <TextField
              fullWidth
              label="Hint under the label"
              value={form.hint}
              onChange={(e) => set('hint', e.target.value)}
              error={!!errors.hint}
              helperText={errors.hint ?? 'Optional, e.g. “Allow two business days.”'}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              fullWidth
              label="Status link works for (days)"
              value={form.statusLinkDays}
              onChange={(e) => set('statusLinkDays', e.target.value)}
              error={!!errors.statusLinkDays}
              helperText={errors.statusLinkDays ?? 'From 1 to 365'}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              fullWidth
              label="Position on the page"
              value={form.order}
              onChange={(e) => set('order', e.target.value)}
              error={!!errors.order}
              helperText={errors.order ?? 'Lower comes first'}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
          </Grid>
        </Grid>

        <div>
          <Typography variant="subtitle2">Offered at</Typography>
          <FormGroup row>
            {locations.map((l) => (
              <FormControlLabel
                key={l.value}
                label={l.label}
                control={
                  <Checkbox
                    size="small"
                    checked={form.locationIds.includes(l.value)}
                    onChange={(e) => toggleLocation(l.value, e.target.checked)}
                  />
                }
              />
            ))}
          </FormGroup>
          <FormHelperText>None ticked: every location’s page offers it.</FormHelperText>
        </div>

        <RequestFieldsEditor fields={form.fields} onChange={(v) => set('fields', v)} error={errorUnder(errors, 'fields')} />

        <div>
          <FormControlLabel label="Active" control={<Switch checked={form.active} onChange={(e) => set('active', e.target.checked)} />} />
          <FormHelperText>An inactive type is no longer on the page; links already given keep working.</FormHelperText>
        </div>
      </Stack>
    </EditorFrame>
  );
}
