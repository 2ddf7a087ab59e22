// The intake dialog ("New task"): the type decides which fields are required.
import type { Page } from 'playwright-core';
import { pickOption } from '../support/mui';

export interface IntakeValues {
  title: string;
  type?: string;
  queue?: string;
  priority?: string;
  /** yyyy-mm-ddThh:mm; '' clears the default. */
  due?: string;
  channel?: string;
  patientRef?: string;
  provider?: string;
  description?: string;
}

export class TaskDialog {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('intake-form');
  }

  async chooseOption(testId: string, label: string): Promise<void> {
    await pickOption(this.page, this.root().getByTestId(testId), label);
  }

  async fill(values: IntakeValues): Promise<void> {
    // The type first, as a person fills it (it sets the queue and the due time).
    if (values.type) await this.root().getByTestId('field-typeId').selectOption({ label: values.type });
    await this.root().getByTestId('field-title').fill(values.title);
    if (values.queue) await this.chooseOption('field-queue', values.queue);
    if (values.priority) await this.chooseOption('field-priority', values.priority);
    if (values.due !== undefined) await this.root().getByTestId('field-due').fill(values.due);
    if (values.channel) await this.chooseOption('field-channel', values.channel);
    if (values.patientRef) await this.root().getByTestId('field-patientRef').fill(values.patientRef);
    if (values.provider) await this.root().getByTestId('field-providerId').selectOption({ label: values.provider });
    if (values.description) await this.root().getByTestId('field-description').fill(values.description);
  }

  async submit(): Promise<void> {
    await this.root().getByTestId('intake-submit').click();
  }

  /** Cancel: the dialog closes without filing anything. */
  async close(): Promise<void> {
    await this.root().getByRole('button', { name: 'Cancel' }).click();
    await this.root().waitFor({ state: 'detached' });
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

  /** The triage suggestion shown under the title while typing. */
  suggestion() {
    return this.root().locator('.MuiFormControl-root', { hasText: 'Title' }).first().locator('.MuiFormHelperText-root');
  }

  /** Waits until a field has the keyboard focus (the form opened and settled). */
  async waitForFocus(name: string): Promise<void> {
    await this.field(name).and(this.page.locator(':focus')).waitFor({ timeout: 10_000 });
  }

  /** A field of the form by name ('title', ...). */
  field(name: string) {
    return this.root().getByTestId(`field-${name}`);
  }
}
