// Ctrl/Cmd+K: type to find an action (new task, moves of the selected task) or a view; Enter runs the first.
import { Dialog, List, ListItemButton, ListItemText, TextField } from '@mui/material';
import { useState } from 'react';
import { allowedActions, mayFileTasks } from '../../../shared/policy';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { useBoardFilters } from '../board';
import { useBoardUi } from '../board';
import { task$ } from '../board';
import { useObservable } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import type { Views } from '../board';

interface Command {
  id: string;
  label: string;
  run: () => void;
}

export function CommandPalette({ views }: { views: Views }) {
  const open = useBoardUi((s) => s.paletteOpen);
  const setOpen = useBoardUi((s) => s.setPaletteOpen);
  return (
    <Dialog
      open={open}
      onClose={() => setOpen(false)}
      disableRestoreFocus
      maxWidth="sm"
      fullWidth
      slotProps={{ paper: { sx: { alignSelf: 'flex-start', mt: 10 } } }}
    >
      {open && <Palette views={views} onDone={() => setOpen(false)} />}
    </Dialog>
  );
}

function Palette({ views, onDone }: { views: Views; onDone: () => void }) {
  const { workspace } = useWorkspace();
  const actor = useWorkflowActor();
  const config = usePracticeConfig();
  const ui = useBoardUi.getState();
  const targetId = ui.openTaskId ?? ui.selectedTaskId;
  const task = useObservable(() => (targetId ? task$(workspace.db, targetId) : null), null, [workspace, targetId]);
  const [query, setQuery] = useState('');
  const commands: Command[] = [
    ...(mayFileTasks(actor) ? [{ id: 'new', label: 'New task', run: () => ui.setIntakeOpen(true) }] : []),
    ...(task
      ? allowedActions(actor, task, config).map((a) => ({
          id: `action-${a.id}-${a.to}`,
          label: `${a.label}: ${task.title}`,
          run: () => (a.id === 'accept' ? ui.openTask(task.id) : ui.openMove({ taskId: task.id, actionId: a.id })),
        }))
      : []),
    ...[...views.named, ...views.saved].map((v) => ({ id: `view-${v.id}`, label: `View: ${v.label}`, run: () => views.open(v) })),
    { id: 'list', label: 'Show as list', run: () => useBoardFilters.getState().setView('list') },
    { id: 'board', label: 'Show as board', run: () => useBoardFilters.getState().setView('board') },
    { id: 'help', label: 'Keyboard shortcuts', run: () => ui.setHelpOpen(true) },
  ];
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
  const run = (command: Command | undefined) => {
    if (!command) return;
    onDone();
    command.run();
  };
  return (
    <>
      <TextField
        autoFocus
        fullWidth
        placeholder="Type an action or a view…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          run(shown[0]);
        }}
        sx={{ p: 1 }}
        slotProps={{ htmlInput: { 'data-testid': 'palette-input', 'aria-label': 'Command' } }}
      />
      <List dense sx={{ maxHeight: 360, overflowY: 'auto', pt: 0 }} data-testid="palette-list">
        {shown.map((c, i) => (
          <ListItemButton key={c.id} selected={i === 0} onClick={() => run(c)} data-testid="palette-item">
            <ListItemText primary={c.label} />
          </ListItemButton>
        ))}
      </List>
    </>
  );
}
