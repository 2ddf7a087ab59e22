// The bell in the top bar: its unread count and the list of notifications.
import type { Page } from 'playwright-core';

export class NotificationBell {
  constructor(private readonly page: Page) {}

  async unreadCount(): Promise<number> {
    return Number(await this.page.getByTestId('notification-count').getAttribute('data-count'));
  }

  list() {
    return this.page.getByTestId('notification-list');
  }

  async open(): Promise<void> {
    if (await this.list().isVisible()) return;
    await this.page.getByTestId('notification-bell').click();
    await this.list().waitFor();
  }

  /** The list's entry for a task, by the title the replica shows. */
  entry(title: string) {
    return this.list().getByTestId('notification-item').filter({ hasText: title });
  }

  /** Every entry's text, newest first. */
  async entries(): Promise<string[]> {
    return this.list().getByTestId('notification-item').allTextContents();
  }

  async markAllRead(): Promise<void> {
    await this.list().getByTestId('notification-read-all').click();
  }
}
