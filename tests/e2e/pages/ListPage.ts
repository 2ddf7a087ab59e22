// The list view: a virtualized table (only the rows in view are in the DOM), sortable headers,
// grouping, its "N tasks" total.
import type { Page } from 'playwright-core';
import { pickOption } from '../support/mui';
import { TaskDrawer } from './TaskDrawer';

export type ListColumnName = 'Task' | 'Patient' | 'Type' | 'Queue' | 'Status' | 'Priority' | 'Due' | 'Owner';
const COLUMN_IDS: Record<ListColumnName, string> = {
  Task: 'title',
  Patient: 'patient',
  Type: 'type',
  Queue: 'queue',
  Status: 'status',
  Priority: 'priority',
  Due: 'due',
  Owner: 'owner',
};

/** One row of the whole list, in order: a task, or a group's header with its count. */
export type ListEntry = { kind: 'task'; id: string; title: string; owner: string } | { kind: 'group'; label: string; count: string };

export class ListPage {
  readonly drawer: TaskDrawer;

  constructor(private readonly page: Page) {
    this.drawer = new TaskDrawer(page);
  }

  /** The task rows now in the DOM (the ones in view and a few either side). */
  rows() {
    return this.page.getByTestId('task-row');
  }

  row(title: string) {
    return this.rows().filter({ has: this.page.getByRole('cell', { name: title, exact: true }) });
  }

  /** How many tasks match, as the footer says ("1,234 tasks"). */
  async total(): Promise<number> {
    const text = (await this.page.getByTestId('list-total').textContent()) ?? '';
    const match = /^([\d,]+) tasks?$/.exec(text);
    return match ? Number(match[1].replace(/,/g, '')) : NaN;
  }

  async sortBy(column: ListColumnName): Promise<void> {
    await this.page.getByTestId(`sort-${COLUMN_IDS[column]}`).click();
  }

  /** The header's aria-sort: 'ascending', 'descending' or null (not the sort column). */
  async sortOrder(column: ListColumnName): Promise<string | null> {
    return this.page.getByRole('columnheader', { name: column, exact: true }).getAttribute('aria-sort');
  }

  /** The titles of the task rows in the DOM, top to bottom. */
  async renderedTitles(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
  }

  async groupBy(label: 'None' | 'Owner' | 'Status' | 'Queue'): Promise<void> {
    await pickOption(this.page, this.page.getByTestId('list-group-by'), label);
  }

  /** The group header rows in the DOM: label and count ("12 tasks"). */
  async renderedGroups(): Promise<{ label: string; count: string }[]> {
    return this.page.getByTestId('list-group').evaluateAll((rows) =>
      rows.map((r) => ({
        label: r.querySelector('[data-testid="list-group-label"]')?.textContent ?? '',
        count: r.querySelector('[data-testid="list-group-count"]')?.textContent ?? '',
      })),
    );
  }

  /**
   * Every row of the list in order, read by scrolling it from top to bottom half a screen at a
   * time (as a person would). No helper functions inside: the page has none of the runner's.
   */
  async entries(): Promise<ListEntry[]> {
    return this.page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="task-list-scroller"]')!;
      const seen = new Map<number, ListEntry>();
      scroller.scrollTop = 0;
      for (;;) {
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        for (const row of scroller.querySelectorAll<HTMLElement>('tbody tr[aria-rowindex]')) {
          const index = Number(row.getAttribute('aria-rowindex'));
          const cells = row.querySelectorAll('td');
          seen.set(
            index,
            row.dataset.testid === 'task-row'
              ? { kind: 'task', id: row.dataset.taskId ?? '', title: cells[0]?.textContent ?? '', owner: cells[7]?.textContent ?? '' }
              : {
                  kind: 'group',
                  label: row.querySelector('[data-testid="list-group-label"]')?.textContent ?? '',
                  count: row.querySelector('[data-testid="list-group-count"]')?.textContent ?? '',
                },
          );
        }
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
        scroller.scrollTop += scroller.clientHeight / 2;
      }
      return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, entry]) => entry);
    });
  }

  /** The ids of every task in the list, in order (scrolling through it). */
  async taskIds(): Promise<string[]> {
    return (await this.entries()).flatMap((e) => (e.kind === 'task' ? [e.id] : []));
  }

  /** Scrolls the list to its end, as the scroll bar would. */
  async scrollToEnd(): Promise<void> {
    await this.page.getByTestId('task-list-scroller').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
  }

  /** Whether the list's last row is rendered (its aria-rowindex is the table's aria-rowcount). */
  async showsLastRow(): Promise<boolean> {
    return this.page.getByTestId('task-list').evaluate((table) => {
      const rows = table.querySelectorAll('tbody tr[aria-rowindex]');
      const last = rows[rows.length - 1];
      return !!last && last.getAttribute('aria-rowindex') === table.getAttribute('aria-rowcount');
    });
  }

  /** Opens a task from the keyboard: its row focused (as Tab reaches it), then Enter. */
  async openTaskWithKeyboard(title: string): Promise<TaskDrawer> {
    await this.row(title).focus();
    await this.page.keyboard.press('Enter');
    await this.drawer.waitOpen();
    return this.drawer;
  }

  async openTask(title: string): Promise<TaskDrawer> {
    await this.row(title).click();
    await this.drawer.waitOpen();
    return this.drawer;
  }
}
