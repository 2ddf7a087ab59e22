// An open task: status, moves, triage, checklist, fields, notes, history.
import type { Page } from 'playwright-core';
import { openDialog, pickOption } from '../support/mui';
import { MoveDialog, type MoveFields } from './MoveDialog';

export class TaskDrawer {
  readonly moveDialog: MoveDialog;

  constructor(private readonly page: Page) {
    this.moveDialog = new MoveDialog(page);
  }

  root() {
    return this.page.getByTestId('task-drawer');
  }

  async waitOpen(): Promise<void> {
    await this.root().waitFor();
  }

  title() {
    return this.root().getByTestId('drawer-title');
  }

  async setTitle(title: string): Promise<void> {
    await this.root().getByTestId('field-title').fill(title);
    await this.root().getByTestId('details-save').click();
    await this.page.waitForFunction((expected) => document.querySelector('[data-testid="drawer-title"]')?.textContent === expected, title);
  }

  async status(): Promise<string> {
    return (await this.root().getByTestId('drawer-status').textContent()) ?? '';
  }

  async owner(): Promise<string> {
    return (await this.root().getByTestId('drawer-owner').textContent()) ?? '';
  }

  /** The moves offered, by action id (e.g. "start", "send_to_review"). */
  async actions(): Promise<string[]> {
    const ids = await this.root()
      .getByTestId('task-actions')
      .locator('[data-testid^="action-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace(/^action-/, ''));
  }

  /** Opens the move dialog on an action and leaves it open. */
  async openMove(actionId: string): Promise<MoveDialog> {
    await openDialog(this.page, this.root().getByTestId(`action-${actionId}`), this.moveDialog.root());
    return this.moveDialog;
  }

  /** Takes an action through the move dialog and waits for the status to show. */
  async move(actionId: string, expectedStatus: string, fields: MoveFields = {}): Promise<void> {
    const dialog = await this.openMove(actionId);
    await dialog.fill(fields);
    await dialog.submitAndClose();
    await this.root().getByTestId('drawer-status').getByText(expectedStatus, { exact: true }).waitFor();
  }

  triage() {
    return this.root().getByTestId('triage-panel');
  }

  async routeText(): Promise<string> {
    return (await this.triage().getByTestId('triage-route').textContent()) ?? '';
  }

  async accept(): Promise<void> {
    await this.triage().getByTestId('triage-accept').click();
    await this.root().getByTestId('drawer-status').getByText('Ready', { exact: true }).waitFor();
  }

  checklistItems() {
    return this.root().getByTestId('checklist-item');
  }

  async checkAll(): Promise<void> {
    const items = this.checklistItems();
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      if ((await items.nth(i).getAttribute('data-done')) !== 'true') {
        await items.nth(i).locator('input[type="checkbox"]').click();
        await this.page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid="checklist-item"]')[n]?.getAttribute('data-done') === 'true',
          i,
          { timeout: 15_000 },
        );
      }
    }
  }

  async addNote(text: string): Promise<void> {
    await this.root().getByTestId('note-input').fill(text);
    await this.root().getByTestId('note-add').click();
    await this.root().getByTestId('note').filter({ hasText: text }).waitFor();
  }

  notes() {
    return this.root().getByTestId('note');
  }

  /** Whether the drawer shows the task's last change as waiting to upload. */
  async uploadPending(): Promise<boolean> {
    return (await this.root().getByTestId('drawer-upload').getAttribute('data-pending')) === 'true';
  }

  /** Where an element of the drawer sits on the screen (its top edge, in CSS pixels). */
  async topOf(testId: string): Promise<number> {
    const box = await this.root().getByTestId(testId).first().boundingBox();
    if (!box) throw new Error(`${testId} is not on screen`);
    return box.y;
  }

  historyEntries() {
    return this.root().getByTestId('history-entry');
  }

  async close(): Promise<void> {
    await this.root().getByTestId('drawer-close').click();
    await this.root().waitFor({ state: 'detached' });
  }

  /** History lines saying whose value lost a same-field conflict. */
  superseded() {
    return this.root().getByTestId('history-superseded');
  }

  /** A details field by name ('title', ...). */
  field(name: string) {
    return this.root().getByTestId(`field-${name}`);
  }

  /** Picks `label` in a details select ('priority', 'queue', ...), not saved yet. */
  async choose(name: string, label: string): Promise<void> {
    await pickOption(this.page, this.field(name), label);
  }

  /** "Save changes" under the details. */
  async saveDetails(): Promise<void> {
    await this.root().getByTestId('details-save').click();
  }

  /** "Read only" over the details of someone who may not edit them. */
  readOnlyNote() {
    return this.root().getByTestId('details-read-only');
  }

  /** One of the task's action buttons ('approve', 'start', ...). */
  action(id: string) {
    return this.root().getByTestId(`action-${id}`);
  }

  async actionLabels(): Promise<string[]> {
    return this.root().getByTestId('task-actions').getByRole('button').allTextContents();
  }

  assignToMeButton() {
    return this.root().getByTestId('assign-to-me');
  }

  noteInput() {
    return this.root().getByTestId('note-input');
  }

  /** The status line showing exactly this status. */
  statusShown(label: string) {
    return this.root().getByTestId('drawer-status').getByText(label, { exact: true });
  }

  /** The rework count line showing this text ("Rework 1"). */
  reworkShown(text: string) {
    return this.root().getByTestId('drawer-rework').getByText(text);
  }

  /** Escape closes the drawer. */
  async closeWithEscape(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.root().waitFor({ state: 'detached' });
  }
}
