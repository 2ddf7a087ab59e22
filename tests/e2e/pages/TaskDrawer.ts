// An open task: status, fields, notes, history.
import type { Page } from 'playwright-core';

export class TaskDrawer {
  constructor(private readonly page: Page) {}

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
    await this.page.waitForFunction(
      (expected) => document.querySelector('[data-testid="drawer-title"]')?.textContent === expected,
      title,
    );
  }

  async setStatus(label: string): Promise<void> {
    await this.root().getByTestId('status-select').click();
    await this.page.getByRole('listbox').getByRole('option', { name: label, exact: true }).click();
    await this.page.getByRole('listbox').waitFor({ state: 'detached' });
  }

  async status(): Promise<string> {
    return (await this.root().getByTestId('status-select').textContent()) ?? '';
  }

  async addNote(text: string): Promise<void> {
    await this.root().getByTestId('note-input').fill(text);
    await this.root().getByTestId('note-add').click();
    await this.root().getByTestId('note').filter({ hasText: text }).waitFor();
  }

  notes() {
    return this.root().getByTestId('note');
  }

  historyEntries() {
    return this.root().getByTestId('history-entry');
  }

  async close(): Promise<void> {
    await this.root().getByTestId('drawer-close').click();
    await this.root().waitFor({ state: 'detached' });
  }
}
