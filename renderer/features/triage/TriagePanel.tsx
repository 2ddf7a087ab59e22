// Triage of a new task: confirm the suggested category and the priority, see who routing picks
// (or why no one), and accept — which assigns the one owner and makes the task ready.
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import type { PracticeConfig } from '../../../shared/config/practice';
import { PRIORITIES, type Priority, type Task } from '../../../shared/task';
import { allowedActions } from '../../../shared/policy';
import type { Workload } from '../../../shared/workflow/routing';
import { PRIORITY_LABELS } from '../../catalog/catalog';
import { categoryOptions, queueLabel, staffName, staffOptions } from '../../catalog/practice-labels';
import { suggest, taskText, triageModel$ } from './triage-model';
import { routeForTriage } from '../../workflow/workflow';
import { currentWorkloads, takeAction } from '../../workflow/workflow-write';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { useBoardUi } from '../board';
import { suggestionText } from '../board';
import { useObservable } from '../../ui/hooks/useObservable';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';

export function TriagePanel({ task, config }: { task: Task; config: PracticeConfig }) {
  const { workspace } = useWorkspace();
  const actor = useWorkflowActor();
  const notify = useBoardUi((s) => s.notify);
  const model = useObservable(() => triageModel$(workspace.db), undefined, [workspace]);
  const live = useMemo(() => (task.suggestedCategory ? undefined : suggest(model, taskText(task))), [model, task]);
  const suggested = task.suggestedCategory || live?.category || '';
  // The person's pick, else the default: derived, not frozen at mount, so a suggestion that arrives
  // after the panel opened (the classifier loads in the background) still fills it in.
  const [picked, setCategory] = useState<string | null>(null);
  const category = picked ?? (task.category || suggested || config.taskTypes.get(task.typeId)?.category || '');
  const [priority, setPriority] = useState<Priority>(task.priority);
  const [workloads, setWorkloads] = useState<Workload[] | null>(null);
  const [pickedOwner, setPickedOwner] = useState(task.ownerId);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void currentWorkloads(workspace.db).then(setWorkloads), [workspace]);

  const route = workloads && category ? routeForTriage(task, category, config, workloads) : undefined;
  // A pre-set owner (a follow-up) stands; otherwise routing decides, and the person picks when it cannot.
  const ownerId = task.ownerId || (route?.assigned ? route.ownerId : pickedOwner);
  const queue = route?.queue ?? task.queue;
  if (!allowedActions(actor, task, config).some((a) => a.id === 'accept')) return null;

  const accept = async () => {
    const { violation } = await takeAction(workspace.db, task.id, 'accept', { actorId: actor.id, ownerId, category }, actor, config, {
      priority,
      queue,
    });
    if (violation) return setError(violation.message);
    notify({ text: `Accepted: ${task.title} → ${staffName(config, ownerId)}` });
  };

  const suggestion = task.suggestedCategory
    ? suggestionText(config, task)
    : live
      ? suggestionText(config, { suggestedCategory: live.category, suggestionConfidence: live.confidence })
      : 'no suggestion (too few known words)';
  return (
    <Box
      component="section"
      aria-label="Triage"
      data-testid="triage-panel"
      sx={{ border: 1, borderColor: 'primary.light', borderRadius: 2, p: 1.5 }}
    >
      <Typography variant="subtitle2">Triage</Typography>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 1.5 }} data-testid="triage-suggestion">
        Suggested category: {suggestion}
      </Typography>
      <Stack direction="row" spacing={1.5} sx={{ mb: 1.5 }}>
        <TextField
          select
          fullWidth
          label="Category"
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'triage-category' } as object } }}
        >
          {categoryOptions(config).map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Priority"
          value={priority}
          onChange={(e) => setPriority(e.target.value as Priority)}
          sx={{ minWidth: 130 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'triage-priority' } as object } }}
        >
          {PRIORITIES.map((p) => (
            <MenuItem key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {task.ownerId ? (
        <Typography variant="body2" data-testid="triage-route">
          Owner already set: <strong>{staffName(config, task.ownerId)}</strong>
        </Typography>
      ) : route?.assigned ? (
        <Typography variant="body2" data-testid="triage-route">
          Routes to <strong>{staffName(config, route.ownerId)}</strong> · {queueLabel(config, route.queue)}
        </Typography>
      ) : (
        <Stack spacing={1}>
          <Typography variant="body2" color="warning.dark" data-testid="triage-route">
            Unassigned: {route?.why ?? 'choose a category first'}
          </Typography>
          <TextField
            select
            label="Owner"
            value={pickedOwner}
            onChange={(e) => setPickedOwner(e.target.value)}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'triage-owner' } as object } }}
          >
            {staffOptions(config).map((o) => (
              <MenuItem key={o.value} value={o.value}>
                {o.label}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      )}
      {error && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="triage-error">
          {error}
        </Alert>
      )}
      <Stack direction="row" justifyContent="flex-end" sx={{ mt: 1.5 }}>
        <Button variant="contained" disabled={!ownerId || !category} onClick={() => void accept()} data-testid="triage-accept">
          Accept (A)
        </Button>
      </Stack>
    </Box>
  );
}
