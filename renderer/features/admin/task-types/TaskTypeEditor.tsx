// One task type's form: every field of TaskTypeConfig, validated with its schema on save. A new
// type gets its key from the label (a unique slug).
import { Checkbox, FormControlLabel, FormGroup, FormHelperText, Grid, Stack, Switch, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { INTAKE_FIELDS, type IntakeField, type TaskTypeConfig } from '../../../../shared/config/schemas';
import { blankTaskType, errorUnder, slugKey, taskTypeFromForm, taskTypeToForm, type FieldErrors, type TaskTypeForm } from '../admin-forms';
import { EditorFrame } from '../common/EditorFrame';
import { categoryOptions, queueOptions, roleOptions } from '../common/options';
import { SelectField } from '../common/SelectField';
import { StringListEditor } from '../common/StringListEditor';
import type { NewEntryProps } from '../common/useEntrySelection';
import { usePracticeConfig } from '../usePracticeConfig';
import { useSaveEntry } from '../useSaveEntry';
import { FollowUpsEditor } from './FollowUpsEditor';
import { NoteTemplatesEditor } from './NoteTemplatesEditor';
import { SlaTargetsEditor } from './SlaTargetsEditor';

export const INTAKE_FIELD_LABELS: Record<IntakeField, string> = {
  category: 'Category',
  patientRef: 'Patient reference',
  providerId: 'Provider',
  dueAt: 'Due date',
  channel: 'Channel',
  description: 'Description',
};

interface Props extends NewEntryProps {
  /** Absent for a new task type. */
  typeKey?: string;
  body?: TaskTypeConfig;
  readOnly: boolean;
}

export function TaskTypeEditor({ typeKey, body, readOnly, takenKeys, onCreated, justCreated }: Props) {
  const { config } = usePracticeConfig();
  const [form, setForm] = useState<TaskTypeForm>(() => taskTypeToForm(body ?? blankTaskType()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, save, reset } = useSaveEntry('task_type', { isNew: !typeKey, onCreated, justCreated });
  const key = typeKey ?? slugKey(form.label, takenKeys, 'type');

  const set = <F extends keyof TaskTypeForm>(field: F, value: TaskTypeForm[F]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([p]) => p !== field && !p.startsWith(`${String(field)}.`))));
    reset();
  };
  const onSave = () => {
    const result = taskTypeFromForm(form);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) void save(key, result.body);
  };
  const toggleField = (field: IntakeField, on: boolean) =>
    set(
      'requiredFields',
      INTAKE_FIELDS.filter((f) => (f === field ? on : form.requiredFields.includes(f))),
    );

  return (
    <EditorFrame
      title={body?.label ?? 'New task type'}
      subtitle={!typeKey && form.label.trim() === '' ? 'Key: made from the label' : `Key: ${key}`}
      readOnly={readOnly}
      hasErrors={Object.keys(errors).length > 0}
      status={status}
      onSave={onSave}
      saveLabel={typeKey ? 'Save' : 'Add task type'}
    >
      <Stack spacing={3}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextField
              fullWidth
              label="Label"
              value={form.label}
              autoFocus={!typeKey}
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
