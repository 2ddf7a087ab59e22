// The admin feature's public face: the only file other features and the app import from it.
export { AdminScreen } from './AdminScreen';
export { mayOpenAdmin } from './admin-config';
export { OutOfOfficeDialog } from './coverage/OutOfOfficeDialog';
