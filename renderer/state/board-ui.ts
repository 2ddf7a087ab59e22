// Which task is open and whether the intake form is showing.
import { create } from 'zustand';

interface BoardUiState {
  openTaskId: string | null;
  intakeOpen: boolean;
  openTask(id: string | null): void;
  setIntakeOpen(open: boolean): void;
}

export const useBoardUi = create<BoardUiState>()((set) => ({
  openTaskId: null,
  intakeOpen: false,
  openTask: (openTaskId) => set({ openTaskId }),
  setIntakeOpen: (intakeOpen) => set({ intakeOpen }),
}));
