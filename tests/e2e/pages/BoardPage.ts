// The signed-in board: connection indicator, filters, columns, list.
import type { Locator, Page } from 'playwright-core';
import { pickOption } from '../support/mui';
import { SignInPage } from './SignInPage';
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
    await this.configReady().waitFor({ timeout: 30_000 });
  }

  /**
   * The view tabs once the practice configuration is in the replica (the queue views come from it)
   * and a first sign-in's tasks are all in.
   */
  configReady() {
    return this.page.locator('[data-testid="view-tabs"][data-config-ready="true"][data-tasks-ready="true"]');
  }

  /** The view tabs once the practice configuration is in the replica, whether or not every task is. */
  configIn() {
    return this.page.locator('[data-testid="view-tabs"][data-config-ready="true"]');
  }

  /** "Getting your tasks…": a first sign-in still filling the replica. */
  tasksFilling() {
    return this.page.getByTestId('tasks-filling');
  }

  async syncStatus(): Promise<string> {
    return (await this.page.getByTestId('sync-status').textContent()) ?? '';
  }

  async pendingCount(): Promise<number> {
    return Number(await this.page.getByTestId('pending-count').textContent());
  }

  /** The offline banner's text, '' while none shows. */
  async offlineBanner(): Promise<string> {
    const banner = this.page.getByTestId('offline-banner');
    return (await banner.count()) > 0 ? ((await banner.textContent()) ?? '') : '';
  }

  /** Whether the connection indicator shows words (not only its icon): "Offline", or a count uploading. */
  async syncIndicatorSpeaks(): Promise<boolean> {
    const words = [this.page.getByTestId('sync-status').getByText(/Online|Offline/), this.page.getByTestId('sync-upload')];
    for (const word of words) if (((await word.boundingBox())?.width ?? 0) > 1) return true;
    return false;
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

  /** Types into the search box key by key, `delay` ms apart, as a person types a word. */
  async typeInSearch(text: string, delay: number): Promise<void> {
    await this.page.getByTestId('search').pressSequentially(text, { delay });
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
    await this.page.waitForFunction(
      (tab) => document.querySelector(`[data-testid="viewtab-${tab}"]`)?.getAttribute('aria-selected') === 'true',
      id,
    );
  }

  /** The count on a view's tab (0 when it shows none). */
  async viewTabCount(id: string): Promise<number> {
    const chip = this.page.getByTestId(`viewtab-count-${id}`);
    return (await chip.count()) ? Number(await chip.textContent()) : 0;
  }

  /** The way to the approval window beside the "Needs my approval" tab (only for people who give sign-offs). */
  approvalsButton() {
    return this.page.getByTestId('open-approval');
  }

  /** The user menu's entries, by test id (e.g. 'open-admin', 'lock', 'sign-out'). */
  async userMenuEntries(): Promise<string[]> {
    await this.page.getByTestId('user-menu').click();
    const ids = await this.page
      .locator('[role="menu"] [data-testid]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-testid') ?? ''));
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

  /** Whether the board (or list) is mounted at all: never while locked or signed out. */
  async isShown(): Promise<boolean> {
    return (await this.page.getByTestId('board').count()) > 0;
  }

  /** Who the top bar says is signed in. */
  async signedInAs(): Promise<string> {
    return (await this.page.getByTestId('user-menu').textContent()) ?? '';
  }

  /** Every task card on screen. */
  cards() {
    return this.page.getByTestId('task-card');
  }

  /** The titles of the cards on screen. */
  async cardTitles(): Promise<string[]> {
    return this.cards().getByTestId('task-title').allTextContents();
  }

  /** A task's card by its id (a follow-up's id is its parent's plus `-fu<n>`). */
  cardById(id: string) {
    return this.page.locator(`[data-testid="task-card"][data-task-id="${id}"]`);
  }

  /** Anything on screen that shows the task with this id (card or row). */
  shownTask(id: string) {
    return this.page.locator(`[data-task-id="${id}"]`);
  }

  /** A card's title and owner lines. */
  cardTitle(card: Locator) {
    return card.getByTestId('task-title');
  }

  cardOwner(card: Locator) {
    return card.getByTestId('card-owner');
  }

  /** The card's triage suggestion ("Suggested: Referral · 80%"). */
  cardSuggestion(title: string) {
    return this.card(title).getByTestId('card-suggestion');
  }

  /** The card's line of what it waits on and since when ("Waiting on triage since Dec 4, 3:12 PM"). */
  async cardWaiting(title: string): Promise<string> {
    return (await this.card(title).first().getByTestId('card-waiting').textContent()) ?? '';
  }

  /** How many cards on screen say what they wait on, and how many say their age. */
  async cardsWithTimeLines(): Promise<{ waiting: number; age: number }> {
    return { waiting: await this.cards().getByTestId('card-waiting').count(), age: await this.cards().getByTestId('card-age').count() };
  }

  /** The card's age ("new", "12 min", "5 h", "3 d"). */
  async cardAge(title: string): Promise<string> {
    return (await this.card(title).first().getByTestId('card-age').textContent()) ?? '';
  }

  /** The card's "waiting to upload" mark. */
  cardPending(title: string) {
    return this.card(title).getByTestId('task-pending');
  }

  /** A task's title in one column (exact text). */
  inColumn(status: string, title: string) {
    return this.column(status).getByText(title, { exact: true });
  }

  columnCards(status: string) {
    return this.column(status).getByTestId('task-card');
  }

  /** "1,234 more" under a column that shows its first 50 only. */
  columnMore(status: string) {
    return this.column(status).getByTestId('column-more');
  }

  /** The sum of every column's count. */
  async columnTotal(): Promise<number> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="column-count"]')].reduce((sum, el) => sum + Number(el.textContent), 0),
    );
  }

  /** The card the keyboard acts on (j/k move the selection). */
  selectedCard() {
    return this.page.locator('[data-testid="task-card"][data-selected="true"]');
  }

  async selectedTaskId(): Promise<string | null> {
    return this.page.locator('[data-selected="true"]').getAttribute('data-task-id');
  }

  async filterPriority(label: string): Promise<void> {
    await pickOption(this.page, this.page.getByTestId('filter-priority'), label);
  }

  /** A manager's Person filter: one person's tasks ('Any' for everyone's). */
  async filterPerson(name: string): Promise<void> {
    await pickOption(this.page, this.page.getByTestId('filter-person'), name);
  }

  /** The "+ New task" button (absent for people who may not file tasks). */
  newTaskButton() {
    return this.page.getByTestId('new-task');
  }

  /** The short notice after a change ("Task created"). */
  notice() {
    return this.page.getByTestId('notice');
  }

  viewTab(id: string) {
    return this.page.getByTestId(`viewtab-${id}`);
  }

  /** A refused change shown in the banner, by the task's title. */
  rejection(title: string) {
    return this.page.getByTestId('rejection').filter({ hasText: title });
  }

  async dismissRejection(title: string): Promise<void> {
    await this.rejection(title).getByTestId('rejection-dismiss').click();
  }

  /** A key or chord on the board (shortcuts: n, j, k, m, s, ?, Control+k, Escape). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Leaves the field being typed in (as a click on the board's background does): keys are shortcuts again. */
  async leaveField(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }

  /** Text typed into whatever has the focus, a key per character. */
  async typeText(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** How a card looks: a focus ring around it, the selection's accent bar beside it. */
  async cardLook(card: Locator): Promise<{ ring: boolean; bar: boolean }> {
    return card.evaluate((button) => {
      const paper = button.parentElement;
      return {
        ring: getComputedStyle(button).outlineStyle === 'solid',
        bar: paper ? getComputedStyle(paper).boxShadow.includes('inset') : false,
      };
    });
  }

  /** The views offered as tabs, by id. */
  async viewTabIds(): Promise<string[]> {
    return this.page
      .locator('[data-testid^="viewtab-"]')
      .evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid')!.slice('viewtab-'.length)));
  }

  /** The board's columns, left to right, by status. */
  async columnStatuses(): Promise<string[]> {
    return this.page
      .locator('section[data-testid^="column-"]')
      .evaluateAll((cols) => cols.map((c) => c.getAttribute('data-testid')!.slice('column-'.length)));
  }

  /** Picks comfortable or compact cards. */
  async setDensity(density: 'comfortable' | 'compact'): Promise<void> {
    await this.page.getByTestId(`density-${density}`).click();
  }

  /** Cards wholly on screen in a column (what a person sees without scrolling). */
  async cardsOnScreen(status: string): Promise<number> {
    return this.column(status).evaluate((column) => {
      const bottom = Math.min(window.innerHeight, column.getBoundingClientRect().bottom);
      return [...column.querySelectorAll('[data-testid="task-card"]')].filter((card) => card.getBoundingClientRect().bottom <= bottom)
        .length;
    });
  }

  /** Whether a column shows as a slim strip (empty), and its width. */
  async columnShape(status: string): Promise<{ collapsed: boolean; width: number }> {
    const column = this.column(status);
    return { collapsed: (await column.getAttribute('data-collapsed')) === 'true', width: (await column.boundingBox())?.width ?? 0 };
  }

  /** The due dates the cards on the board show. */
  async cardDueDates(): Promise<string[]> {
    return this.page.locator('[data-testid="task-card"] [data-testid="due-date"]').allTextContents();
  }

  /** A card the keyboard has not selected. */
  unselectedCard() {
    return this.page.locator('[data-testid="task-card"]:not([data-selected])').first();
  }

  /** Gives a card the keyboard focus (after a key press, so it shows as keyboard focus). */
  async focusCard(card: Locator): Promise<void> {
    await card.focus();
  }

  shortcutHelp() {
    return this.page.getByTestId('shortcut-help');
  }

  /** Ctrl+K, a command typed into the palette, Enter. */
  async runCommand(text: string): Promise<void> {
    await this.press('Control+k');
    await this.page.getByTestId('palette-input').fill(text);
    await this.press('Enter');
  }

  /** "Set PIN…" from the user menu, the PIN chosen, the dialog gone. */
  async setPinFromMenu(pin: string): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('set-pin').click();
    await new SignInPage(this.page).choosePin(pin);
    await this.page.getByRole('form', { name: 'Set PIN' }).waitFor({ state: 'detached' });
  }

  /** The change-password form's "Later" (only while an own password is not required). */
  passwordLater() {
    return this.passwordForm().getByRole('button', { name: 'Later' });
  }

  /** Types a new password in the open dialog without sending it. */
  async typeNewPassword(password: string): Promise<void> {
    await this.passwordForm().getByLabel('New password', { exact: true }).fill(password);
  }

  passwordSubmit() {
    return this.passwordForm().getByTestId('change-password-submit');
  }

  async closePasswordDialog(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close' }).click();
  }

  /** The roles the user menu shows for the signed-in person (from the session's user). */
  async rolesInUserMenu(): Promise<string> {
    await this.page.getByTestId('user-menu').click();
    const text = (await this.page.locator('[role="menu"] li').first().textContent()) ?? '';
    await this.page.keyboard.press('Escape');
    await this.page.locator('[role="menu"]').waitFor({ state: 'detached' });
    return text;
  }

  /** The list as the dashboard opened it: the figure's tasks, named in a filter chip. */
  async waitDashboardFilter(): Promise<void> {
    await this.page.getByTestId('dashboard-filter').waitFor();
    await this.page.getByTestId('task-list').waitFor();
  }

  /** The SLA states of the rows of the At risk or Exceptions view, in order. */
  async slaRowStates(): Promise<(string | null)[]> {
    return this.slaRows()
      .getByTestId('sla-chip')
      .evaluateAll((chips) => chips.map((c) => c.getAttribute('data-sla-state')));
  }

  /** The Exceptions view's rows for one reason ('breached', 'rejected', 'needs_info', ...). */
  exceptionReason(reason: string) {
    return this.page.getByTestId(`reason-${reason}`);
  }

  /** Any text on the board (a patient reference the search found). */
  textShown(text: string) {
    return this.page.getByText(text);
  }

  /** How many elements the page holds (a capped board stays small however large the replica). */
  async domSize(): Promise<number> {
    return this.page.evaluate(() => document.querySelectorAll('*').length);
  }
}
