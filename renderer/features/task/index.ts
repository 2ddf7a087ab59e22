// The task feature's public face: the only file other features and the app import from it.
export { AttachmentsPanel } from './AttachmentsPanel';
export { HistoryPanel } from './HistoryPanel';
export { TaskDrawer } from './TaskDrawer';
export { FIELD_LABELS, fieldLabel, formatValue } from './history-format';
