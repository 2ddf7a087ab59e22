// The sla feature's public face: the only file other features and the app import from it.
export { SlaChip, SlaChipView, WaitingLine, useTaskSla } from './SlaChip';
export { atRiskRows, exceptionRows, type ExceptionReason } from './sla-views';
