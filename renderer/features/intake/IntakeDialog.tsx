// Intake: a new request becomes a task in triage. The shared intake check runs before anything is
// saved; its message shows on the field it names.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useMemo, useState } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { basicErrors, emptyIntakeValues, intakeDraft, intakeFieldOf, withType, type IntakeErrors, type IntakeValues } from './intake';
import { suggest, taskText, triageModel$ } from '../triage';
import { createIntakeTask } from '../../workflow/workflow-write';
import { useBoardUi } from '../board';
import { useObservable } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { suggestionText } from '../board';
import { IntakeFields } from './IntakeFields';

export function IntakeDialog() {
  const open = useBoardUi((s) => s.intakeOpen);
  const setOpen = useBoardUi((s) => s.setIntakeOpen);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
      {open && <IntakeForm onDone={() => setOpen(false)} />}
    </Dialog>
  );
}

function IntakeForm({ onDone }: { onDone: () => void }) {
  const { workspace, actor, locationId } = useWorkspace();
  const config = usePracticeConfig();
  const model = useObservable(() => triageModel$(workspace.db), undefined, [workspace]);
  const notify = useBoardUi((s) => s.notify);
  const [values, setValues] = useState<IntakeValues>(() => emptyIntakeValues());
  const [dueTouched, setDueTouched] = useState(false);
  const [errors, setErrors] = useState<IntakeErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Suggested again only when the title or description changes, not on every other field.
  const text = taskText(values);
  const suggestion = useMemo(() => suggest(model, text), [model, text]);

  const onChange = <K extends keyof IntakeValues>(key: K, value: IntakeValues[K]) => {
    if (key === 'due') setDueTouched(true);
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const onType = (typeId: string) => {
    setValues((v) => withType(v, typeId, config, locationId, new Date(), dueTouched));
    setErrors((e) => ({ ...e, typeId: undefined, queue: undefined, due: undefined }));
  };

  const save = async () => {
    const basic = basicErrors(values);
    if (Object.keys(basic).length) return setErrors(basic);
    setSaving(true);
    setFailure(null);
    try {
      const { task, violation } = await createIntakeTask(workspace.db, intakeDraft(values, locationId, config, suggestion), actor, config);
      if (violation) return setErrors({ [intakeFieldOf(violation.field)]: violation.message });
      onDone();
      if (task) notify({ text: `Task created in triage: ${task.title}`, taskId: task.id });
    } catch {
      setFailure('The task could not be saved on this workstation.');
    } finally {
      setSaving(false);
    }
  };

  const hint = suggestion
    ? `Triage suggestion: ${suggestionText(config, { suggestedCategory: suggestion.category, suggestionConfidence: suggestion.confidence })}`
    : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
      data-testid="intake-form"
    >
      <DialogTitle>New task</DialogTitle>
      <DialogContent dividers>
        {failure && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {failure}
          </Alert>
        )}
        <IntakeFields
          values={values}
          errors={errors}
          config={config}
          onChange={onChange}
          onType={onType}
          suggestion={hint}
          disabled={saving}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={saving} data-testid="intake-submit">
          Create task
        </Button>
      </DialogActions>
    </form>
  );
}
