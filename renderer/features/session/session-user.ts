// Keeping the signed-in person's description current: an admin may change their roles or
// locations while they work, and the board shows and hides by `session.user.roles`.
import type { PublicUser } from '../../../shared/wire';
import type { MeOutcome } from './auth-api';

/** Whether two descriptions of the same person differ in anything the app shows or decides by. */
function userChanged(before: PublicUser, after: PublicUser): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).join('\n') === (b ?? []).join('\n');
  return (
    before.username !== after.username ||
    before.displayName !== after.displayName ||
    !same(before.roles, after.roles) ||
    !same(before.locationIds, after.locationIds)
  );
}

/** What to do with the server's answer: adopt a changed user, renew the token first, or nothing. */
export function nextUser(
  current: PublicUser,
  answer: MeOutcome,
): { kind: 'adopt'; user: PublicUser } | { kind: 'renew' } | { kind: 'keep' } {
  if (answer.kind === 'unauthorized') return { kind: 'renew' };
  // Another person's answer (a late reply after a switch) never replaces this one.
  if (answer.kind !== 'user' || answer.user.id !== current.id || !userChanged(current, answer.user)) return { kind: 'keep' };
  return { kind: 'adopt', user: answer.user };
}
