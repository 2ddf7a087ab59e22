// A person changes their own password from the menu under their name: a wrong current password is
// refused with the server's reason; afterwards their other workstation has to sign in again, and
// this one unlocks (offline too) and signs in with the new password only, on the same replica.
import { describe, expect, it } from 'vitest';
import { LockPage } from './pages/LockPage';
import { SignInPage } from './pages/SignInPage';
import { useE2eHarness } from './support/harness';

const poll = { timeout: 30_000, interval: 250 };
const NEW_PASSWORD = 'billing long passphrase';

const e2e = useE2eHarness();

describe('changing one’s own password', () => {
  it(
    'ends the other sign-ins; the new password unlocks offline and signs in, the old one no longer does',
    { timeout: 150_000 },
    async () => {
      const a = await e2e.signedIn('billing');
      const b = await e2e.signedIn('billing');
      const title = `Check EOB for claim ${Math.random().toString(36).slice(2, 7)}`;
      await (await a.board.newTask()).create({ title, type: 'Claim status check', channel: 'Phone', patientRef: 'MRN 400111 B.C.' });

      await a.board.openPasswordChange();
      // Too short is stopped in the form; a wrong current password by the server.
      await a.board.typeNewPassword('short');
      expect(await a.board.passwordForm().filter({ hasText: 'The password must be at least 12 characters' }).count()).toBe(1);
      expect(await a.board.passwordSubmit().isDisabled()).toBe(true);
      await a.board.submitPasswordChange('not-my-password', NEW_PASSWORD);
      expect(await a.board.passwordChangeError().textContent()).toContain('The current password is not right');
      await a.board.submitPasswordChange('baton-demo', NEW_PASSWORD);
      await a.board.passwordChangeDone().waitFor();
      await a.board.closePasswordDialog();

      // The other workstation's sign-in has ended: it asks for the password.
      const bSignIn = new SignInPage(b.ws.page);
      await bSignIn.message().waitFor(poll);
      expect(await bSignIn.message().textContent()).toContain('needs your password');
      await bSignIn.signIn('billing', 'baton-demo');
      await bSignIn.message().filter({ hasText: 'Wrong' }).waitFor(poll);
      await bSignIn.signIn('billing', NEW_PASSWORD);
      await b.board.waitReady();

      // This workstation, offline and locked: the old password no longer unlocks, the new one does.
      await a.ws.context.setOffline(true);
      const lock = new LockPage(a.ws.page);
      await lock.lockFromMenu();
      await lock.waitShown();
      await lock.unlockWithPassword('baton-demo');
      const aMessage = new SignInPage(a.ws.page).message();
      await aMessage.waitFor(poll);
      expect(await aMessage.textContent()).toContain('Wrong');
      await lock.unlockWithPassword(NEW_PASSWORD);
      await a.board.waitReady();
      // The same replica: the task made before the change is still here.
      await a.board.waitForCard(title);
      await a.ws.context.setOffline(false);
      await expect.poll(() => a.board.pendingCount(), poll).toBe(0);
      expect([...a.ws.errors, ...b.ws.errors]).toEqual([]);
    },
  );
});
