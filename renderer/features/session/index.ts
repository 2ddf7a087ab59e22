// The session feature's public face: the only file other features and the app import from it.
export { ChangePasswordDialog } from './lock/ChangePasswordDialog';
export { OwnPasswordGuard } from './lock/OwnPasswordGuard';
export { SessionGuards } from './lock/SessionGuards';
export { SetPinDialog } from './lock/SetPinDialog';
export { createSessionStore } from './session';
export { SessionStoreContext, useSession, useSessionStore } from './session-context';
export { ChoosePinScreen } from './sign-in/ChoosePinScreen';
export { LockScreen } from './sign-in/LockScreen';
export { SignInScreen } from './sign-in/SignInScreen';
