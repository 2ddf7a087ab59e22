// The board feature's public face: the only file other features and the app import from it.
export { BoardView } from './BoardView';
export { FilterBar } from './FilterBar';
export { suggestionText } from './TaskCard';
export { ViewTabs } from './ViewTabs';
export { listTasks$, searchTasks, matchingTasks$, openRejections$, ownerCounts$, task$, type OwnerCounts } from './board-data';
export { useBoardFilters, type ListColumn, type ListGroupBy, type ListSort } from './board-filters';
export { boardDialogOpen, resetBoardUi, useBoardUi } from './board-ui';
export { editShownTask } from './pending-edits';
export { useViews, type Views } from './useViews';
