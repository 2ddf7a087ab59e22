// Intake: a new request becomes a task in triage. The shared intake check runs before anything is
// saved; its message shows on the field it names.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useMemo, useState } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { emptyIntakeValues, intakeDraft, intakeFieldOf, liveErrors, withType, type IntakeErrors, type IntakeValues } from './intake';
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
  /** Fields the person has been in: their errors show as they type. */
  const [touched, setTouched] = useState<ReadonlySet<keyof IntakeValues>>(new Set());
  /** What the intake check said at the last save, per field, until that field changes. */
  const [refused, setRefused] = useState<IntakeErrors>({});
  const touch = (key: keyof IntakeValues) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
  const errors: IntakeErrors = { ...refused, ...liveErrors(values, config, touched) };
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Suggested again only when the title or description changes, not on every other field.
  const text = taskText(values);
  const suggestion = useMemo(() => suggest(model, text), [model, text]);

  const onChange = <K extends keyof IntakeValues>(key: K, value: IntakeValues[K]) => {
    if (key === 'due') setDueTouched(true);
    setValues((v) => ({ ...v, [key]: value }));
    setRefused((e) => ({ ...e, [key]: undefined }));
    touch(key);
  };
  const onType = (typeId: string) => {
    setValues((v) => withType(v, typeId, config, locationId, new Date(), dueTouched));
    setRefused((e) => ({ ...e, typeId: undefined, queue: undefined, due: undefined }));
    touch('typeId');
  };

  const save = async () => {
    // Everything is judged now, filled in or not.
    const all = new Set(Object.keys(values) as (keyof IntakeValues)[]);
    setTouched(all);
    if (Object.keys(liveErrors(values, config, all)).length) return;
    setSaving(true);
    setFailure(null);
    try {
      const { task, violation } = await createIntakeTask(workspace.db, intakeDraft(values, locationId, config, suggestion), actor, config);
      if (violation) return setRefused({ [intakeFieldOf(violation.field)]: violation.message });
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
      onKeyDown={(event) => {
        // Ctrl+Enter files from any field, the request details' several lines too.
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void save();
        }
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
          onTouch={touch}
          suggestion={hint}
          disabled={saving}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={saving} data-testid="intake-submit">
          Create task (Ctrl+Enter)
        </Button>
      </DialogActions>
    </form>
  );
}
