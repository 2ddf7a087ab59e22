// Which task is open, whether the intake form is showing, and the last short notice.
import { create } from 'zustand';

export interface Notice {
  text: string;
  /** A task the notice offers to open. */
  taskId?: string;
}

interface BoardUiState {
  openTaskId: string | null;
  intakeOpen: boolean;
  notice: Notice | null;
  openTask(id: string | null): void;
  setIntakeOpen(open: boolean): void;
  notify(notice: Notice | null): void;
}

export const useBoardUi = create<BoardUiState>()((set) => ({
  openTaskId: null,
  intakeOpen: false,
  notice: null,
  notify: (notice) => set({ notice }),
  openTask: (openTaskId) => set({ openTaskId }),
  setIntakeOpen: (intakeOpen) => set({ intakeOpen }),
}));
