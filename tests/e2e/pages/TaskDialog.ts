// The intake dialog ("New task").
import type { Page } from 'playwright-core';

export interface IntakeValues {
  title: string;
  type?: string;
  queue?: string;
  priority?: string;
  dueDate?: string;
  channel?: string;
  patientRef?: string;
  description?: string;
}

export class TaskDialog {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('intake-form');
  }

  async chooseOption(testId: string, label: string): Promise<void> {
    await this.root().getByTestId(testId).click();
    await this.page.getByRole('listbox').getByRole('option', { name: label, exact: true }).click();
    await this.page.getByRole('listbox').waitFor({ state: 'detached' });
  }

  async fill(values: IntakeValues): Promise<void> {
    await this.root().getByTestId('field-title').fill(values.title);
    if (values.type) await this.chooseOption('field-typeId', values.type);
    if (values.queue) await this.chooseOption('field-queue', values.queue);
    if (values.priority) await this.chooseOption('field-priority', values.priority);
    if (values.dueDate !== undefined) await this.root().getByTestId('field-dueDate').fill(values.dueDate);
    if (values.channel) await this.chooseOption('field-channel', values.channel);
    if (values.patientRef) await this.root().getByTestId('field-patientRef').fill(values.patientRef);
    if (values.description) await this.root().getByTestId('field-description').fill(values.description);
  }

  async submit(): Promise<void> {
    await this.root().getByTestId('intake-submit').click();
  }

  async create(values: IntakeValues): Promise<void> {
    await this.fill(values);
    await this.submit();
    await this.root().waitFor({ state: 'detached' });
  }

  /** The helper text under a field, e.g. "Title is required". */
  fieldError(label: string) {
    return this.root().locator('.MuiFormControl-root', { hasText: label }).locator('.MuiFormHelperText-root.Mui-error');
  }
}
