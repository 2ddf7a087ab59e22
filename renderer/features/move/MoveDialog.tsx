// Moving a task: only the actions the workflow offers this role, what the target status means and
// how it is left, the fields the action needs; the shared check runs before anything is written.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import { allowedActions } from '../../../shared/policy';
import type { ActionDef, ActionId } from '../../../shared/workflow/actions';
import type { ActionInput } from '../../../shared/workflow/apply';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { task$ } from '../board';
import { initialMoveInput, moveErrorField } from './move-input';
import { takeAction } from '../../workflow/workflow-write';
import { useBoardUi } from '../board';
import { useObservable } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import { MoveFields } from './MoveFields';
import { StatusMeaning } from './StatusMeaning';

export function MoveDialog() {
  const move = useBoardUi((s) => s.move);
  const openMove = useBoardUi((s) => s.openMove);
  const { workspace } = useWorkspace();
  const task = useObservable(() => (move ? task$(workspace.db, move.taskId) : null), null, [workspace, move?.taskId]);
  const config = usePracticeConfig();
  const actor = useWorkflowActor();
  const ready = !!move && !!task && task.id === move.taskId;
  const actions = ready ? allowedActions(actor, task, config) : [];
  return (
    <Dialog open={!!move} onClose={() => openMove(null)} maxWidth="xs" fullWidth>
      {ready && (
        <MoveForm
          key={`${task.id}:${task.status}`}
          task={task}
          actions={actions}
          initial={move.actionId}
          config={config}
          onDone={() => openMove(null)}
        />
      )}
    </Dialog>
  );
}

interface MoveFormProps {
  task: Task;
  actions: ActionDef[];
  initial?: ActionId;
  config: PracticeConfig;
  onDone: () => void;
}

function MoveForm({ task, actions, initial, config, onDone }: MoveFormProps) {
  const { workspace } = useWorkspace();
  const actor = useWorkflowActor();
  const notify = useBoardUi((s) => s.notify);
  const start = actions.find((a) => a.id === initial) ?? actions[0];
  const [action, setAction] = useState<ActionDef | undefined>(start);
  const [input, setInput] = useState<ActionInput>(() => (start ? initialMoveInput(start, task, actor.id, config) : { actorId: actor.id }));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [saving, setSaving] = useState(false);

  const choose = (id: string) => {
    const next = actions.find((a) => `${a.id}:${a.to}` === id);
    setAction(next);
    if (next) setInput(initialMoveInput(next, task, actor.id, config));
    setErrors({});
  };

  const submit = async () => {
    if (!action) return;
    setSaving(true);
    try {
      const { violation, followUps } = await takeAction(workspace.db, task.id, action.id, input, actor, config);
      if (violation) return setErrors({ [moveErrorField(violation.field)]: violation.message });
      onDone();
      const extra = followUps.length ? ` · follow-up created: ${followUps.map((t) => t.title).join(', ')}` : '';
      notify({ text: `${action.label}: ${task.title}${extra}`, taskId: followUps[0]?.id });
    } catch {
      setErrors({ form: 'The change could not be saved on this workstation.' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      data-testid="move-dialog"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <DialogTitle>Move “{task.title}”</DialogTitle>
      <DialogContent dividers>
        {actions.length === 0 ? (
          <Alert severity="info">Your role has no moves for this task in its current status.</Alert>
        ) : (
          <>
            <TextField
              select
              fullWidth
              label="Action"
              value={action ? `${action.id}:${action.to}` : ''}
              onChange={(e) => choose(e.target.value)}
              sx={{ mb: 2 }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'move-action' } as object } }}
            >
              {actions.map((a) => (
                <MenuItem key={`${a.id}:${a.to}`} value={`${a.id}:${a.to}`} data-testid={`move-option-${a.id}`}>
                  {a.label}
                </MenuItem>
              ))}
            </TextField>
            {action && <StatusMeaning from={task.status} to={action.to} />}
            {errors.form && (
              <Alert severity="warning" sx={{ mb: 2 }} data-testid="move-error">
                {errors.form}
              </Alert>
            )}
            {action && (
              <MoveFields
                action={action}
                task={task}
                input={input}
                errors={errors}
                config={config}
                onChange={(p) => (setInput((i) => ({ ...i, ...p })), setErrors({}))}
              />
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={!action || saving} data-testid="move-submit">
          {action?.label ?? 'Move'}
        </Button>
      </DialogActions>
    </form>
  );
}
