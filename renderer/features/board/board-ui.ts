// Which task is open or selected, which dialog is showing, and the last short notice.
import { create } from 'zustand';
import type { Task } from '../../../shared/task';
import type { ActionId } from '../../../shared/workflow/actions';

interface Notice {
  text: string;
  /** A task the notice offers to open. */
  taskId?: string;
}

interface MoveRequest {
  taskId: string;
  /** The action to preselect; the dialog offers every allowed one. */
  actionId?: ActionId;
}

interface BoardUiState {
  openTaskId: string | null;
  /** The open task as the board showed it when clicked: the panel draws it before the replica answers. */
  openedTask: Task | null;
  /** The card keyboard shortcuts act on (j/k move it). */
  selectedTaskId: string | null;
  intakeOpen: boolean;
  move: MoveRequest | null;
  helpOpen: boolean;
  paletteOpen: boolean;
  notice: Notice | null;
  openTask(id: string | null, shown?: Task): void;
  selectTask(id: string | null): void;
  setIntakeOpen(open: boolean): void;
  openMove(move: MoveRequest | null): void;
  setHelpOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  notify(notice: Notice | null): void;
}

/** Nothing open, selected or showing: how the board starts. */
const CLEAN_BOARD: Pick<
  BoardUiState,
  'openTaskId' | 'openedTask' | 'selectedTaskId' | 'intakeOpen' | 'move' | 'helpOpen' | 'paletteOpen' | 'notice'
> = {
  openTaskId: null,
  openedTask: null,
  selectedTaskId: null,
  intakeOpen: false,
  move: null,
  helpOpen: false,
  paletteOpen: false,
  notice: null,
};

export const useBoardUi = create<BoardUiState>()((set) => ({
  ...CLEAN_BOARD,
  notify: (notice) => set({ notice }),
  openTask: (openTaskId, shown) =>
    set(
      openTaskId
        ? { openTaskId, selectedTaskId: openTaskId, openedTask: shown?.id === openTaskId ? shown : null }
        : { openTaskId, openedTask: null },
    ),
  selectTask: (selectedTaskId) => set({ selectedTaskId }),
  setIntakeOpen: (intakeOpen) => set({ intakeOpen }),
  openMove: (move) => set({ move }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
}));

/** A board dialog is on top (intake, move, help, palette): it takes the keys, not the board. */
export const boardDialogOpen = (ui: Pick<BoardUiState, 'intakeOpen' | 'move' | 'helpOpen' | 'paletteOpen'>): boolean =>
  ui.intakeOpen || !!ui.move || ui.helpOpen || ui.paletteOpen;

/** Back to a clean board (the next user on this workstation sees nothing of the last one's). */
export function resetBoardUi(): void {
  useBoardUi.setState(CLEAN_BOARD);
}
