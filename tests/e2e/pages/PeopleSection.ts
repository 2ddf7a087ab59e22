// The admin's "People & roles" tab: the people table, the roles/locations dialog, (de)activation,
// adding a person and resetting a password (each showing the temporary password once).
import type { Page } from 'playwright-core';
import type { Role } from '../../../shared/wire';

export class PeopleSection {
  constructor(private readonly page: Page) {}

  /** Opens the tab in the practice configuration and waits for the table (online) or the offline notice. */
  async open(): Promise<void> {
    await this.page.getByTestId('admin-tab-people').click();
    await this.table().or(this.offlineNotice()).first().waitFor({ timeout: 20_000 });
  }

  table() {
    return this.page.getByTestId('people-table');
  }

  offlineNotice() {
    return this.page.getByTestId('people-offline');
  }

  row(username: string) {
    return this.page.locator(`[data-testid="person-row"][data-person="${username}"]`);
  }

  async roles(username: string): Promise<string> {
    return (await this.row(username).getByTestId('person-roles').textContent()) ?? '';
  }

  async status(username: string): Promise<string> {
    return (await this.row(username).getByTestId('person-status').textContent()) ?? '';
  }

  /** Ticks and unticks roles in the dialog and saves; resolves once the dialog closed (saved). */
  async changeRoles(username: string, change: { add?: Role[]; remove?: Role[] }): Promise<void> {
    await this.row(username).getByTestId('person-edit').click();
    const dialog = this.page.getByTestId('person-access-dialog');
    await dialog.waitFor();
    for (const role of change.add ?? []) await dialog.getByTestId(`person-role-${role}`).check();
    for (const role of change.remove ?? []) await dialog.getByTestId(`person-role-${role}`).uncheck();
    await dialog.getByTestId('person-access-save').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Clicks Deactivate/Activate and confirms; resolves once the dialog closed. */
  async toggleActive(username: string): Promise<void> {
    await this.row(username).getByTestId('person-toggle-active').click();
    const dialog = this.page.getByTestId('confirm-active-dialog');
    await dialog.getByTestId('confirm-active').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Confirms a (de)activation the server refuses; returns its message, dialog left open. */
  async toggleActiveRefused(username: string): Promise<string> {
    await this.row(username).getByTestId('person-toggle-active').click();
    const dialog = this.page.getByTestId('confirm-active-dialog');
    await dialog.getByTestId('confirm-active').click();
    return (await dialog.getByTestId('confirm-active-error').textContent()) ?? '';
  }

  async cancelDialog(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  /** Opens "Add person" and fills in who they are; returns the dialog. */
  private async fillAddPerson(person: { username: string; displayName: string; roles: Role[]; locationIds: string[] }) {
    await this.page.getByTestId('person-add').click();
    const dialog = this.page.getByTestId('add-person-dialog');
    await dialog.getByTestId('add-person-username').fill(person.username);
    await dialog.getByTestId('add-person-name').fill(person.displayName);
    for (const role of person.roles) await dialog.getByTestId(`add-person-role-${role}`).check();
    for (const id of person.locationIds) await dialog.getByTestId(`add-person-location-${id}`).check();
    return dialog;
  }

  /** Fills "Add person" with a generated password and adds; returns the password the dialog shows once. */
  async addPerson(person: { username: string; displayName: string; roles: Role[]; locationIds: string[] }): Promise<string> {
    const dialog = await this.fillAddPerson(person);
    await dialog.getByTestId('temporary-password-generate').click();
    await dialog.getByTestId('add-person-save').click();
    return this.shownPassword(dialog, 'add-person-done');
  }

  /** Fills "Add person" and returns the refusal shown (dialog left open). */
  async addPersonRefused(person: {
    username: string;
    displayName: string;
    roles: Role[];
    locationIds: string[];
    password: string;
  }): Promise<string> {
    const dialog = await this.fillAddPerson(person);
    await dialog.getByTestId('temporary-password').fill(person.password);
    await dialog.getByTestId('add-person-save').click();
    return (await dialog.getByTestId('add-person-error').textContent()) ?? '';
  }

  /** Resets with a generated password; returns the password the dialog shows once. */
  async resetPassword(username: string): Promise<string> {
    await this.row(username).getByTestId('person-reset-password').click();
    const dialog = this.page.getByTestId('reset-password-dialog');
    await dialog.getByTestId('temporary-password-generate').click();
    await dialog.getByTestId('reset-password-save').click();
    return this.shownPassword(dialog, 'reset-password-done');
  }

  private async shownPassword(dialog: ReturnType<Page['getByTestId']>, done: string): Promise<string> {
    const password = (await dialog.getByTestId('temporary-password-value').textContent({ timeout: 20_000 })) ?? '';
    await dialog.getByTestId(done).click();
    await dialog.waitFor({ state: 'detached' });
    return password;
  }

  /** A temporary password still on screen (it shows once, in its dialog). */
  temporaryPasswordShown() {
    return this.page.getByTestId('temporary-password-value');
  }
}
