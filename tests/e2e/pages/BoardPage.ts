// The signed-in board: connection indicator, filters, columns, list.
import type { Page } from 'playwright-core';
import { TaskDialog } from './TaskDialog';
import { TaskDrawer } from './TaskDrawer';

export class BoardPage {
  readonly intake: TaskDialog;
  readonly drawer: TaskDrawer;

  constructor(private readonly page: Page) {
    this.intake = new TaskDialog(page);
    this.drawer = new TaskDrawer(page);
  }

  async waitReady(): Promise<void> {
    await this.page.getByTestId('board').or(this.page.getByTestId('task-list')).first().waitFor({ timeout: 30_000 });
    // The practice configuration is in the replica (the queue views come from it).
    await this.page.getByTestId('viewtab-queue:front_desk').waitFor({ timeout: 30_000 });
  }

  async syncStatus(): Promise<string> {
    return (await this.page.getByTestId('sync-status').textContent()) ?? '';
  }

  async pendingCount(): Promise<number> {
    return Number(await this.page.getByTestId('pending-count').textContent());
  }

  /** The "Update required" notice's text, '' while the server accepts this release. */
  async updateRequiredNotice(): Promise<string> {
    const notice = this.page.getByTestId('update-required');
    return (await notice.count()) > 0 ? ((await notice.textContent()) ?? '') : '';
  }

  /** Waits until the service worker controls the page, so a reload works without the server. */
  async waitForOfflineShell(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
      }
    });
  }

  card(title: string) {
    return this.page.getByTestId('task-card').filter({ has: this.page.getByTestId('task-title').getByText(title, { exact: true }) });
  }

  column(status: string) {
    return this.page.getByTestId(`column-${status}`);
  }

  /** The SLA chip of a card; its `data-sla-state` is the state. */
  slaChip(title: string) {
    return this.card(title).first().getByTestId('sla-chip');
  }

  async slaState(title: string): Promise<string | null> {
    return this.slaChip(title).getAttribute('data-sla-state');
  }

  /** Rows of the At risk or Exceptions view, in order. */
  slaRows() {
    return this.page.getByTestId('sla-row');
  }

  async waitForCard(title: string, timeout = 20_000): Promise<void> {
    await this.card(title).first().waitFor({ timeout });
  }

  async openTask(title: string): Promise<TaskDrawer> {
    await this.card(title).first().click();
    await this.drawer.waitOpen();
    return this.drawer;
  }

  async newTask(): Promise<TaskDialog> {
    await this.page.getByTestId('new-task').click();
    await this.intake.root().waitFor();
    return this.intake;
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('search').fill(text);
  }

  async showList(): Promise<void> {
    await this.page.getByTestId('view-list').click();
    await this.page.getByTestId('task-list').waitFor();
  }

  async showBoard(): Promise<void> {
    await this.page.getByTestId('view-board').click();
    await this.page.getByTestId('board').waitFor();
  }

  listRows() {
    return this.page.getByTestId('task-row');
  }

  /** A named view: 'board', 'mine', 'approval', 'triage', 'waiting', 'overdue', 'queue:<id>'. */
  async openView(id: string): Promise<void> {
    await this.page.getByTestId(`viewtab-${id}`).click();
    await this.page.waitForFunction((tab) => document.querySelector(`[data-testid="viewtab-${tab}"]`)?.getAttribute('aria-selected') === 'true', id);
  }

  /** The top bar's button to the approval window (only for people who give sign-offs). */
  approvalsButton() {
    return this.page.getByTestId('open-approval');
  }

  /** The user menu's entries, by test id (e.g. 'open-admin', 'lock', 'sign-out'). */
  async userMenuEntries(): Promise<string[]> {
    await this.page.getByTestId('user-menu').click();
    const ids = await this.page.locator('[role="menu"] [data-testid]').evaluateAll((items) => items.map((i) => i.getAttribute('data-testid') ?? ''));
    await this.page.keyboard.press('Escape');
    return ids;
  }

  async openPracticeConfiguration(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('open-admin').click();
  }

  /** "Change password…" from the user menu: the dialog, open. */
  async openPasswordChange(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('change-password').click();
    await this.passwordForm().waitFor();
  }

  passwordForm() {
    return this.page.getByRole('form', { name: 'Change password' });
  }

  private async fillAndSubmitPasswordChange(current: string, next: string): Promise<void> {
    const form = this.passwordForm();
    await form.getByLabel('Current password').fill(current);
    await form.getByLabel('New password', { exact: true }).fill(next);
    await form.getByLabel('Repeat new password').fill(next);
    await form.getByTestId('change-password-submit').click();
  }

  /** Fills and submits the open dialog; waits for its answer (done, or the reason it was refused). */
  async submitPasswordChange(current: string, next: string): Promise<void> {
    await this.fillAndSubmitPasswordChange(current, next);
    await this.passwordChangeDone().or(this.passwordChangeError()).first().waitFor({ timeout: 20_000 });
  }

  /** The dialog that asks for an own password after a sign-in with one an admin set. */
  passwordRequired() {
    return this.page.getByTestId('password-required');
  }

  /** Replaces the admin's temporary password in that dialog; waits for it to go. */
  async chooseOwnPassword(temporary: string, own: string): Promise<void> {
    await this.passwordRequired().waitFor({ timeout: 20_000 });
    await this.fillAndSubmitPasswordChange(temporary, own);
    await this.passwordForm().waitFor({ state: 'detached', timeout: 20_000 });
  }

  passwordChangeDone() {
    return this.page.getByTestId('change-password-done');
  }

  passwordChangeError() {
    return this.page.getByTestId('change-password-error');
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('sign-out').click();
  }
}
