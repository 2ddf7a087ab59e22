// The attachments feature's public face: the only file other features and the app import from it.
export { AttachmentViewer } from './AttachmentViewer';
export { KeptDocumentsKeeper } from './KeptDocumentsKeeper';
export { OfflineViewsSender } from './OfflineViewsSender';
export { describeDocument } from './describe-document';
export { sendOfflineViewsAtSignOut } from './offline-views';
export { useDocuments } from './useDocuments';
