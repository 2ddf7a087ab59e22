// An open task: status, owner and SLA chip, the moves allowed, triage, checklist, fields, documents, notes and history.
import CloseIcon from '@mui/icons-material/Close';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudUploadOutlined from '@mui/icons-material/CloudUploadOutlined';
import { useDeferredValue, useEffect } from 'react';
import { Box, Chip, Divider, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { STATUS_LABELS, type Task } from '../../../shared/task';
import { STATUS_INFO } from '../../../shared/workflow/statuses';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { task$ } from '../board';
import { categoryLabel, staffName, typeLabel } from '../../catalog/practice-labels';
import { boardDialogOpen, useBoardUi } from '../board';
import { formatDateTime } from '../../ui/common/labels';
import { useObservable } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { SlaChip } from '../sla';
import { TriagePanel } from '../triage';
import { AttachmentsPanel } from './AttachmentsPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { HistoryPanel } from './HistoryPanel';
import { NotesPanel } from './NotesPanel';
import { TaskActions } from './TaskActions';
import { TaskDetailsForm } from './TaskDetailsForm';

/**
 * The open task in a panel beside the board (not over it): the board stays usable, a click on
 * another card or j/k opens the next one. Esc closes it unless a dialog on top takes the key.
 */
export function TaskDrawer() {
  const openTaskId = useBoardUi((s) => s.openTaskId);
  const openTask = useBoardUi((s) => s.openTask);
  useEffect(() => {
    if (!openTaskId) return;
    const onKey = (event: KeyboardEvent) => {
      const ui = useBoardUi.getState();
      // Any other dialog too (e.g. the sign-out confirmation) keeps its own Esc.
      const dialogOpen = boardDialogOpen(ui) || document.querySelector('.MuiDialog-root');
      if (event.key === 'Escape' && !event.defaultPrevented && !dialogOpen) openTask(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openTaskId, openTask]);
  if (!openTaskId) return null;
  return (
    <Box
      component="aside"
      aria-label="Task"
      sx={{
        width: 540,
        maxWidth: '60vw',
        flexShrink: 0,
        borderLeft: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        overflowY: 'auto',
      }}
    >
      <TaskPanel key={openTaskId} id={openTaskId} onClose={() => openTask(null)} />
    </Box>
  );
}

const sameVersion = (a: Task, b: Task) => a.updatedAt === b.updatedAt && a.rev === b.rev && a.pendingSync === b.pendingSync;

function TaskPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { workspace, user } = useWorkspace();
  const config = usePracticeConfig();
  // Drawn at once from the card that was clicked; the replica's own copy replaces it when read.
  const shown = useBoardUi((s) => (s.openedTask?.id === id ? s.openedTask : undefined));
  const live = useObservable(() => task$(workspace.db, id), undefined, [workspace, id]);
  // The same version as drawn: kept, so reading it does not draw the whole panel again.
  const task = !live || (shown && sameVersion(live, shown)) ? (shown ?? live) : live;
  // The panel's header, actions, triage and checklist paint first; its form fields, notes and history
  // (most of its drawing) follow in a deferred render, so the click answers within a few frames.
  // null at first (an initial value of undefined would not defer the first render).
  const below = useDeferredValue<Task | null>(task ?? null, null);
  if (task === undefined) return null;
  if (task === null) {
    return (
      <Box sx={{ p: 3 }}>
        <Typography>This task is no longer on this workstation (it was moved out of your queues or deleted).</Typography>
      </Box>
    );
  }
  return (
    <Stack sx={{ height: '100%' }} data-testid="task-drawer" data-task-id={task.id}>
      <Stack direction="row" alignItems="flex-start" spacing={1} sx={{ p: 2, pb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" data-testid="drawer-title" sx={{ lineHeight: 1.3 }}>
            {task.title}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div" noWrap data-testid="drawer-subtitle">
            {typeLabel(config, task.typeId)}
            {task.category ? ` · ${categoryLabel(config, task.category)}` : ''} · Last changed {formatDateTime(task.updatedAt)}
          </Typography>
        </Box>
        <UploadState pending={task.pendingSync} />
        <IconButton aria-label="Close" onClick={onClose} data-testid="drawer-close">
          <CloseIcon />
        </IconButton>
      </Stack>
      <Stack direction="row" spacing={1} alignItems="center" sx={{ px: 2, pb: 1, flexWrap: 'wrap', rowGap: 0.5 }}>
        <Chip
          size="small"
          color="primary"
          label={STATUS_LABELS[task.status]}
          data-testid="drawer-status"
          title={STATUS_INFO[task.status].meaning}
        />
        <Typography variant="body2" data-testid="drawer-owner">
          Owner: <strong>{staffName(config, task.ownerId, user.id)}</strong>
        </Typography>
        {task.reworkCount > 0 && (
          <Chip size="small" color="warning" variant="outlined" label={`Rework ${task.reworkCount}`} data-testid="drawer-rework" />
        )}
        {task.reasonCode && (
          <Chip
            size="small"
            variant="outlined"
            label={config.reasonCodes.get(task.reasonCode)?.label ?? task.reasonCode}
            data-testid="drawer-reason"
          />
        )}
        {task.outcome && <Chip size="small" variant="outlined" label={`Outcome: ${task.outcome.replace(/_/g, ' ')}`} />}
        <SlaChip task={task} config={config} />
      </Stack>
      <Typography variant="caption" color="text.secondary" sx={{ px: 2, pb: 1 }}>
        To move on: {STATUS_INFO[task.status].exitCriteria}
      </Typography>
      <Box sx={{ px: 2, pb: 1.5 }}>
        <TaskActions task={task} config={config} />
      </Box>
      <Divider />
      <Box sx={{ flex: 1, overflowY: 'auto', p: 2 }}>
        <Stack spacing={3}>
          {task.status === 'new' && <TriagePanel key={task.id} task={task} config={config} />}
          <ChecklistPanel task={task} />
          {below && <TaskDetailsForm task={below} />}
          {below && <AttachmentsPanel task={below} />}
          {below && <NotesPanel task={below} />}
          {below && <HistoryPanel task={below} />}
        </Stack>
      </Box>
    </Stack>
  );
}

/**
 * Whether the task's last change has reached the server. Always the same size, so the drawer never
 * moves under the pointer when an upload is answered (a line of text that came and went made the
 * header wrap, and a tick aimed at the checklist then landed beside it).
 */
function UploadState({ pending }: { pending: boolean }) {
  const label = pending ? 'Saved on this workstation, waiting to upload' : 'Saved to the server';
  const Icon = pending ? CloudUploadOutlined : CloudDoneOutlined;
  return (
    <Tooltip title={label}>
      <Box
        sx={{ p: 1, display: 'flex', color: 'text.disabled' }}
        aria-label={label}
        role="status"
        data-testid="drawer-upload"
        data-pending={pending}
      >
        <Icon sx={{ fontSize: 20 }} />
      </Box>
    </Tooltip>
  );
}
