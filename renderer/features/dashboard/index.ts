// The dashboard feature's public face: the only file other features and the app import from it.
export { DashboardButton } from './ui/DashboardButton';
export { DashboardScreen } from './ui/DashboardScreen';
