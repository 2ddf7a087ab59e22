// One task type's form: every field of TaskTypeConfig, validated with its schema on save. A new
// type gets its key from the label (a unique slug).
import { Checkbox, FormControlLabel, FormGroup, FormHelperText, Grid, Stack, Switch, TextField, Typography } from '@mui/material';
import { INTAKE_FIELDS, type IntakeField } from '../../../../shared/config/schemas';
import { blankTaskType, errorUnder, slugKey, taskTypeFromForm, taskTypeToForm, type TaskTypeForm } from '../admin-forms';
import { EditorFrame } from '../common/EditorFrame';
import { categoryOptions, queueOptions, roleOptions } from '../common/options';
import { SelectField } from '../common/SelectField';
import { StringListEditor } from '../common/StringListEditor';
import { useEntryEditor, type EntryEditorProps, type EntryForm } from '../common/useEntryEditor';
import { usePracticeConfig } from '../usePracticeConfig';
import { FollowUpsEditor } from './FollowUpsEditor';
import { NoteTemplatesEditor } from './NoteTemplatesEditor';
import { SlaTargetsEditor } from './SlaTargetsEditor';

const INTAKE_FIELD_LABELS: Record<IntakeField, string> = {
  category: 'Category',
  patientRef: 'Patient reference',
  providerId: 'Provider',
  dueAt: 'Due date',
  channel: 'Channel',
  description: 'Description',
};

const FORM: EntryForm<'task_type', TaskTypeForm> = {
  toForm: (body) => taskTypeToForm(body ?? blankTaskType()),
  fromForm: taskTypeFromForm,
  newKey: (form, takenKeys) => slugKey(form.label, takenKeys, 'type'),
  clearOnlyChangedField: true,
};

export function TaskTypeEditor(props: EntryEditorProps<'task_type'>) {
  const { entryKey, body } = props;
  const { config } = usePracticeConfig();
  const { form, errors, key, set, frame } = useEntryEditor('task_type', props, FORM);
  const toggleField = (field: IntakeField, on: boolean) =>
    set(
      'requiredFields',
      INTAKE_FIELDS.filter((f) => (f === field ? on : form.requiredFields.includes(f))),
    );

  return (
    <EditorFrame
      {...frame}
      title={body?.label ?? 'New task type'}
      subtitle={!entryKey && form.label.trim() === '' ? 'Key: made from the label' : `Key: ${key}`}
      saveLabel={entryKey ? 'Save' : 'Add task type'}
    >
      <Stack spacing={3}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              fullWidth
              label="Label"
              value={form.label}
              autoFocus={!entryKey}
              onChange={(e) => set('label', e.target.value)}
              error={!!errors.label}
              helperText={errors.label}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              fullWidth
              label="Default due (business hours)"
              value={form.defaultDueHours}
              onChange={(e) => set('defaultDueHours', e.target.value)}
              error={!!errors.defaultDueHours}
              helperText={errors.defaultDueHours ?? 'Counted in the location’s business hours'}
              slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SelectField
              label="Category"
              value={form.category}
              options={categoryOptions(config)}
              onChange={(v) => set('category', v)}
              error={errors.category}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SelectField
              label="Default queue"
              value={form.defaultQueue}
              options={queueOptions(config)}
              onChange={(v) => set('defaultQueue', v)}
              error={errors.defaultQueue}
            />
          </Grid>
        </Grid>

        <div>
          <Typography variant="subtitle2">Required at intake</Typography>
          <FormGroup row>
            {INTAKE_FIELDS.map((field) => (
              <FormControlLabel
                key={field}
                label={INTAKE_FIELD_LABELS[field]}
                control={
                  <Checkbox
                    size="small"
                    checked={form.requiredFields.includes(field)}
                    onChange={(e) => toggleField(field, e.target.checked)}
                  />
                }
              />
            ))}
          </FormGroup>
        </div>

        <Grid container spacing={2} alignItems="center">
          <Grid size={{ xs: 12, md: 6 }}>
            <FormControlLabel
              label="Needs review or sign-off"
              control={
                <Switch checked={form.review.required} onChange={(e) => set('review', { ...form.review, required: e.target.checked })} />
              }
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            {form.review.required && (
              <SelectField
                label="Reviewed by"
                value={form.review.role}
                options={roleOptions}
                onChange={(v) => set('review', { ...form.review, role: v as TaskTypeForm['review']['role'] })}
                error={errors['review.role']}
              />
            )}
          </Grid>
        </Grid>

        <SlaTargetsEditor sla={form.sla} onChange={(v) => set('sla', v)} errors={errors} />

        <StringListEditor
          label="Checklist"
          items={form.checklist}
          onChange={(v) => set('checklist', v)}
          addLabel="Add checklist item"
          error={errorUnder(errors, 'checklist')}
          testId="checklist-editor"
        />
        <StringListEditor
          label="Outcomes"
          items={form.outcomes}
          onChange={(v) => set('outcomes', v)}
          addLabel="Add outcome"
          placeholder="e.g. approved"
          error={errorUnder(errors, 'outcomes')}
          testId="outcomes-editor"
        />
        <NoteTemplatesEditor
          templates={form.noteTemplates}
          onChange={(v) => set('noteTemplates', v)}
          error={errorUnder(errors, 'noteTemplates')}
        />
        <FollowUpsEditor rules={form.followUps} outcomes={form.outcomes} onChange={(v) => set('followUps', v)} errors={errors} />

        <div>
          <FormControlLabel label="Active" control={<Switch checked={form.active} onChange={(e) => set('active', e.target.checked)} />} />
          <FormHelperText>An inactive type is no longer offered for new tasks; existing tasks keep it.</FormHelperText>
        </div>
      </Stack>
    </EditorFrame>
  );
}
