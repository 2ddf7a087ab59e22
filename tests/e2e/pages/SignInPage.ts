import type { Page } from 'playwright-core';

export interface SignInOptions {
  /** The PIN to choose when the app offers one after a first sign-in; by default "Not now". */
  pin?: string;
  /**
   * Leave the first-run tour to show (tests of the tour). By default the person has had it on
   * this workstation, as after their first day: it is a modal, and other tests work the board.
   */
  tour?: boolean;
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('form', { name: 'Sign in' }).waitFor();
  }

  /** Signs in with the password; answers the one-time PIN offer (skips it unless a PIN is given). */
  async signIn(username: string, password = 'baton-demo', options: SignInOptions = {}): Promise<void> {
    if (!options.tour) {
      // What the app stores once a person has taken or skipped the tour here (features/tour/tour-taken.ts).
      await this.page.evaluate((name) => localStorage.setItem(`baton.tour.${name}`, 'taken before this test'), username.trim());
    }
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    const pinOffer = this.pinOffer();
    await pinOffer
      .or(this.message())
      .or(this.page.getByTestId('board'))
      .or(this.page.getByTestId('task-list'))
      .or(this.page.getByTestId('approval-screen'))
      .or(this.page.getByText('Opening your board…'))
      .first()
      .waitFor({ timeout: 30_000 });
    if (await pinOffer.isVisible()) {
      if (options.pin) await this.choosePin(options.pin);
      else await this.page.getByRole('button', { name: 'Not now' }).click();
    }
  }

  pinOffer() {
    return this.page.getByRole('form', { name: 'Choose a PIN' });
  }

  async choosePin(pin: string): Promise<void> {
    await this.page.getByLabel('New PIN').fill(pin);
    await this.page.getByLabel('Repeat PIN').fill(pin);
    await this.page.getByRole('button', { name: 'Save PIN' }).click();
  }

  /** The people who signed in on this workstation before (display names). */
  async people(): Promise<string[]> {
    const list = this.page.getByTestId('people-list');
    if (!(await list.isVisible())) return [];
    return list.getByRole('listitem').allTextContents();
  }

  /** Picks a person on the sign-in or lock screen and unlocks with their PIN. */
  async switchTo(displayName: string, pin: string): Promise<void> {
    await this.page.getByTestId('people-list').getByRole('listitem').filter({ hasText: displayName }).click();
    await this.enterPin(pin);
  }

  async enterPin(pin: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Unlock' });
    await form.getByLabel('PIN').fill(pin);
    await form.getByRole('button', { name: 'Unlock' }).click();
  }

  message() {
    return this.page.getByTestId('sign-in-message');
  }

  async isShown(): Promise<boolean> {
    return this.page.getByRole('form', { name: 'Sign in' }).isVisible();
  }

  async waitShown(): Promise<void> {
    await this.page.getByRole('form', { name: 'Sign in' }).waitFor();
  }

  /** What the username field holds (filled in when the server wants this person's password). */
  async username(): Promise<string> {
    return this.page.getByLabel('Username').inputValue();
  }

  /** From a person's PIN back to the username and password form. */
  async someoneElse(): Promise<void> {
    await this.page.getByRole('button', { name: 'Someone else' }).click();
  }
}
