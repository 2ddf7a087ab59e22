// The sync-status feature's public face: the only file other features and the app import from it.
export { RejectionList } from './RejectionList';
export { SyncIndicator } from './SyncIndicator';
export { ConnectionBanner } from './ConnectionBanner';
