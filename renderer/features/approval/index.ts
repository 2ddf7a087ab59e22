// The approval feature's public face: the only file other features and the app import from it.
export { ApprovalScreen } from './ApprovalScreen';
export { OpenApprovalButton } from './OpenApprovalButton';
export { useNeedsMyApproval } from './useNeedsMyApproval';
export { approvalQueue } from './approval';
export { awaitingReview$ } from './approval-store';
