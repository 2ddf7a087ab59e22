// Editing a task's fields. Until the user types, it follows the live task (remote edits show at once);
// saving writes only the changed fields.
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { Task } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { editShownTask } from '../board';
import { errorsFromZod, toPatch, valuesFromTask, type FormErrors, type TaskFormValues } from './form/form-values';
import { TaskFields } from './form/TaskFields';
import { useTaskPermissions } from '../../ui/hooks/useTaskPermissions';

export function TaskDetailsForm({ task }: { task: Task }) {
  const { workspace } = useWorkspace();
  const [draft, setDraft] = useState<TaskFormValues | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const values = draft ?? valuesFromTask(task);
  const { mayEdit } = useTaskPermissions(task);
  const locked = (key: keyof TaskFormValues) => !mayEdit(key === 'dueDate' ? 'dueAt' : key);
  const editable = (Object.keys(values) as (keyof TaskFormValues)[]).some((key) => !locked(key));

  const onChange = <K extends keyof TaskFormValues>(key: K, value: TaskFormValues[K]) => {
    setDraft((d) => ({ ...(d ?? valuesFromTask(task)), [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const save = async () => {
    if (!draft) return;
    setFailure(null);
    try {
      const patch = toPatch(draft, task);
      if (Object.keys(patch).length > 0) await editShownTask(workspace.db, task, patch);
      setDraft(null);
      setErrors({});
    } catch (error) {
      const fieldErrors = errorsFromZod(error);
      if (fieldErrors) setErrors(fieldErrors);
      else setFailure('The change could not be saved on this workstation.');
    }
  };

  return (
    <Stack spacing={1.5} component="section" aria-label="Details">
      <Typography variant="subtitle2">Details</Typography>
      {failure && <Alert severity="error">{failure}</Alert>}
      <TaskFields values={values} errors={errors} onChange={onChange} locked={locked} />
      {!editable && (
        <Typography variant="body2" color="text.secondary" data-testid="details-read-only">
          Your role may not change these details.
        </Typography>
      )}
      <Stack direction="row" spacing={1} justifyContent="flex-end" sx={{ display: editable ? undefined : 'none' }}>
        <Button disabled={!draft} onClick={() => (setDraft(null), setErrors({}))} data-testid="details-revert">
          Discard changes
        </Button>
        <Button variant="contained" disabled={!draft} onClick={() => void save()} data-testid="details-save">
          Save changes
        </Button>
      </Stack>
    </Stack>
  );
}
