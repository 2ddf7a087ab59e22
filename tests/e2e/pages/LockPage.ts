// The lock screen: the person's name only, PIN or password, switch person.
import type { Page } from 'playwright-core';
import { SignInPage } from './SignInPage';

export class LockPage {
  constructor(private readonly page: Page) {}

  screen() {
    return this.page.getByTestId('lock-screen');
  }

  async waitShown(timeout = 20_000): Promise<void> {
    await this.screen().waitFor({ timeout });
  }

  async lockedUser(): Promise<string> {
    return (await this.page.getByTestId('locked-user').textContent()) ?? '';
  }

  /** Locks from the user menu. */
  async lockFromMenu(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('lock').click();
  }

  async unlockWithPin(pin: string): Promise<void> {
    await new SignInPage(this.page).enterPin(pin);
  }

  /** Unlocks with the password (a person without a PIN on this workstation). */
  async unlockWithPassword(password: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Unlock' });
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Unlock' }).click();
  }

  /** From the lock screen to another person of this workstation, with their PIN. */
  async switchTo(displayName: string, pin: string): Promise<void> {
    await this.page.getByTestId('switch-person').click();
    await new SignInPage(this.page).switchTo(displayName, pin);
  }

  /** Ctrl+L, the shortcut that locks. */
  async lockWithKeys(): Promise<void> {
    await this.page.keyboard.press('Control+l');
  }

  /** "Switch person": from the lock screen to the sign-in form and the people list. */
  async switchPerson(): Promise<void> {
    await this.page.getByTestId('switch-person').click();
  }
}
