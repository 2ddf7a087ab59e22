// What the sign-in and lock screens tell people; no PHI, names only where needed.
export const PASSWORD_NEEDED_MESSAGE =
  'The server needs your password again. Your changes on this workstation are kept and upload after you sign in.';
export const NEVER_SIGNED_IN_HERE_MESSAGE =
  'The Baton server cannot be reached, and you have not signed in on this workstation before. Connect to the network to sign in.';
export const KEYRING_FAILED_MESSAGE =
  'This workstation could not keep your sign-in safely (its browser storage or encryption is not available).';
export const OPEN_FAILED_MESSAGE = 'This workstation could not open your data.';
export const PIN_BLOCKED_MESSAGE = 'Too many wrong PINs. Sign in with your password.';
export const NO_PIN_MESSAGE = 'No PIN is set for you on this workstation. Use your password.';
export const WRONG_PASSWORD_MESSAGE = 'Wrong username or password.';

export function offlineWindowMessage(hours: number): string {
  return `You have not signed in online on this workstation in the last ${hours} hours, so offline sign-in is not allowed. Connect to the network and sign in with your password.`;
}

export function wrongPinMessage(attemptsLeft: number): string {
  return `Wrong PIN. ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left before only your password works.`;
}
