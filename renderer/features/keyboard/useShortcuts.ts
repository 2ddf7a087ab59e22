// Board shortcuts (see shortcuts.ts): never while typing, and not behind another dialog.
import { useEffect } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { commandFor, isTyping, stepSelection, type ShortcutCommand } from './shortcuts';
import { updateTask } from '../../db/tasks';
import { boardDialogOpen, useBoardUi } from '../board';
import { useMayFileTasks } from '../../ui/hooks/useTaskPermissions';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import { ACTIONS } from '../../../shared/workflow/actions';
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import { takeAction, type WorkflowActor } from '../../workflow/workflow-write';
import type { BatonDatabase } from '../../db/database';
import { initialMoveInput } from '../move';

/** Cards and rows in screen order, as the board or list shows them. */
function visibleTaskIds(): string[] {
  const nodes = document.querySelectorAll<HTMLElement>('[data-testid="task-card"], [data-testid="task-row"]');
  return [...nodes].map((n) => n.dataset.taskId ?? '').filter(Boolean);
}

/**
 * Starts work in one key when nothing more is needed (the task has its confirmed category; its
 * owner stays, or the person takes it); otherwise the move dialog opens on "Start work" and says
 * what is missing.
 */
async function startWork(db: BatonDatabase, taskId: string, actor: WorkflowActor, config: PracticeConfig): Promise<void> {
  const ui = useBoardUi.getState();
  const task = (await db.tasks.findOne(taskId).exec())?.toJSON() as Task | undefined;
  const start = task && ACTIONS.find((a) => a.id === 'start' && a.from.includes(task.status));
  if (!task || !start || !task.category) return ui.openMove({ taskId, actionId: 'start' });
  const { violation } = await takeAction(db, taskId, 'start', initialMoveInput(start, task, actor.id, config), actor, config);
  if (violation) return ui.openMove({ taskId, actionId: 'start' });
  ui.notify({ text: `Start work: ${task.title}`, taskId });
}

export function useShortcuts(): void {
  const { workspace, user } = useWorkspace();
  const mayFile = useMayFileTasks();
  const actor = useWorkflowActor();
  const config = usePracticeConfig();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (!command) return;
      const ui = useBoardUi.getState();
      const blocked = boardDialogOpen(ui);
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
        case 'start':
          return target ? void startWork(workspace.db, target, actor, config) : undefined;
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
  }, [workspace, user.id, mayFile, actor, config]);
}
