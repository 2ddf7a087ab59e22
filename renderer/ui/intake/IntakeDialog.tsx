// Intake: a new request becomes a task. Validation errors show on the fields; nothing invalid is saved.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useWorkspace } from '../../app/WorkspaceContext';
import { createTask } from '../../data/tasks';
import { useBoardUi } from '../../state/board-ui';
import { emptyIntake, errorsFromZod, toDraft, type FormErrors, type TaskFormValues } from '../task-form/form-values';
import { TaskFields } from '../task-form/TaskFields';

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
  const notify = useBoardUi((s) => s.notify);
  const [values, setValues] = useState<TaskFormValues>(() => emptyIntake());
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const onChange = <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      const task = await createTask(workspace.db, toDraft(values, locationId), actor);
      onDone();
      // On a busy board the new card may sit below the first 50 of its column: offer to open it.
      notify({ text: `Task created: ${task.title}`, taskId: task.id });
    } catch (error) {
      const fieldErrors = errorsFromZod(error);
      if (fieldErrors) setErrors(fieldErrors);
      else setFailure('The task could not be saved on this workstation.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="intake-form">
      <DialogTitle>New task</DialogTitle>
      <DialogContent dividers>
        {failure && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {failure}
          </Alert>
        )}
        <TaskFields values={values} errors={errors} onChange={onChange} disabled={saving} />
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
