// The notifications feature's public face: the only file other features and the app import from it.
export { InboxNotifier } from './InboxNotifier';
export { NotificationBell } from './NotificationBell';
