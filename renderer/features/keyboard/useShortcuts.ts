// Board shortcuts (see shortcuts.ts): never while typing, and not behind another dialog.
import { useEffect } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { commandFor, isTyping, stepSelection, type ShortcutCommand } from './shortcuts';
import { updateTask } from '../../db/tasks';
import { useBoardUi } from '../board';
import { useMayFileTasks } from '../../ui/hooks/useTaskPermissions';

/** Cards and rows in screen order, as the board or list shows them. */
function visibleTaskIds(): string[] {
  const nodes = document.querySelectorAll<HTMLElement>('[data-testid="task-card"], [data-testid="task-row"]');
  return [...nodes].map((n) => n.dataset.taskId ?? '').filter(Boolean);
}

export function useShortcuts(): void {
  const { workspace, user } = useWorkspace();
  const mayFile = useMayFileTasks();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (!command) return;
      const ui = useBoardUi.getState();
      const blocked = ui.intakeOpen || !!ui.move || ui.helpOpen || ui.paletteOpen;
      if (command !== 'palette' && (blocked || isTyping(event.target as HTMLElement | null))) return;
      if (command === 'open' && (ui.openTaskId || !ui.selectedTaskId)) return;
      event.preventDefault();
      run(command, ui);
    };
    const run = (command: ShortcutCommand, ui: ReturnType<typeof useBoardUi.getState>) => {
      const target = ui.openTaskId ?? ui.selectedTaskId;
      switch (command) {
        case 'new':
          return mayFile ? ui.setIntakeOpen(true) : undefined;
        case 'help':
          return ui.setHelpOpen(true);
        case 'palette':
          return ui.setPaletteOpen(!ui.paletteOpen);
        case 'next':
        case 'previous': {
          const id = stepSelection(visibleTaskIds(), ui.selectedTaskId, command === 'next' ? 1 : -1);
          ui.selectTask(id);
          if (ui.openTaskId && id) ui.openTask(id);
          document.querySelector(`[data-task-id="${id}"]`)?.scrollIntoView({ block: 'nearest' });
          return;
        }
        case 'open':
          return ui.openTask(ui.selectedTaskId);
        case 'assign':
          return target ? void updateTask(workspace.db, target, { ownerId: user.id }) : undefined;
        case 'move':
          return target ? ui.openMove({ taskId: target }) : undefined;
        case 'accept': {
          if (!target) return;
          const accept = document.querySelector<HTMLButtonElement>('[data-testid="triage-accept"]');
          if (ui.openTaskId && accept && !accept.disabled) return accept.click();
          return ui.openTask(target);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workspace, user.id, mayFile]);
}
