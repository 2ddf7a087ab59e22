import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('form', { name: 'Sign in' }).waitFor();
  }

  async signIn(username: string, password = 'baton-demo'): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  message() {
    return this.page.getByTestId('sign-in-message');
  }

  async isShown(): Promise<boolean> {
    return this.page.getByRole('form', { name: 'Sign in' }).isVisible();
  }
}
