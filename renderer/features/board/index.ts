// The board feature's public face: the only file other features and the app import from it.
export { BoardView } from './BoardView';
export { FilterBar } from './FilterBar';
export { suggestionText } from './TaskCard';
export { ViewTabs } from './ViewTabs';
export { listPage$, matchingTasks$, openRejections$, ownerCounts$, task$, type OwnerCounts, type TaskWindow } from './board-data';
export { useBoardFilters } from './board-filters';
export { resetBoardUi, useBoardUi } from './board-ui';
export { editShownTask } from './pending-edits';
export { useViews, type Views } from './useViews';
