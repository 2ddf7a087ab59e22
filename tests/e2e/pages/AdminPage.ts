// The practice configuration screen ('#/admin'): tabs, entry lists, editors, the staff table.
import type { Page } from 'playwright-core';
import { pickOption } from '../support/mui';

export type AdminTab =
  | 'task_types'
  | 'routing'
  | 'reasons'
  | 'staff'
  | 'labels'
  | 'locations'
  | 'patient_requests'
  | 'people'
  | 'workstations'
  | 'api_keys'
  | 'webhooks';

export class AdminPage {
  constructor(private readonly page: Page) {}

  /** Opens '#/admin' in the signed-in app (a hash change: the session and replica stay). */
  async open(): Promise<void> {
    await this.page.evaluate(() => {
      window.location.hash = '#/admin';
    });
    await this.page.getByTestId('admin-tab-staff').or(this.page.getByTestId('admin-no-access')).first().waitFor({ timeout: 20_000 });
  }

  /** The configuration's tabs: where someone who reads no task (the admin) lands on signing in. */
  landed() {
    return this.page.getByTestId('admin-tab-task_types');
  }

  noAccess() {
    return this.page.getByTestId('admin-no-access');
  }

  /** Anything that changes the configuration: save buttons, "new" buttons, out switches, tabs. */
  editControls() {
    return this.page.locator('[data-testid="admin-save"], [data-testid$="-new"], [data-testid="staff-out"], [data-testid^="admin-tab-"]');
  }

  newButton(testId: 'reason-new' | 'task-type-new' | 'routing-rule-new') {
    return this.page.getByTestId(testId);
  }

  backToBoardLink() {
    return this.page.getByTestId('back-to-board');
  }

  /** Types the board's address ('#/') as someone who knows it would. */
  async openBoardByAddress(): Promise<void> {
    await this.page.evaluate(() => {
      window.location.hash = '#/';
    });
  }

  async backToBoard(): Promise<void> {
    await this.page.getByTestId('back-to-board').first().click();
  }

  async tab(tab: AdminTab): Promise<void> {
    await this.page.getByTestId(`admin-tab-${tab}`).click();
  }

  /** Opens a tab and waits until it is the selected one. */
  async showTab(tab: AdminTab): Promise<void> {
    await this.tab(tab);
    await this.page.locator(`[data-testid="admin-tab-${tab}"][aria-selected="true"]`).waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('admin-search').fill(text);
  }

  entry(text: string) {
    return this.page.getByTestId('admin-entry').filter({ hasText: text });
  }

  async select(text: string): Promise<void> {
    await this.search(text);
    await this.entry(text).first().click();
    await this.editor().waitFor();
  }

  /** Opens the first entry of a master-detail tab in its editor. */
  async openFirstEntry(): Promise<void> {
    await this.page.getByTestId('admin-entry').first().click();
    await this.editor().waitFor();
  }

  editor() {
    return this.page.getByTestId('admin-editor');
  }

  field(label: string) {
    return this.editor().getByLabel(label, { exact: true });
  }

  readOnlyNote() {
    return this.page.getByTestId('admin-read-only');
  }

  saveStatus() {
    return this.page.getByTestId('admin-save-status');
  }

  saveButtons() {
    return this.page.getByTestId('admin-save');
  }

  async save(): Promise<void> {
    await this.page.getByTestId('admin-save').click();
  }

  async chooseOption(testId: string, option: string): Promise<void> {
    await pickOption(this.page, this.page.getByTestId(testId), option);
  }

  async addReasonCode(label: string, kind: string): Promise<void> {
    await this.tab('reasons');
    await this.page.getByTestId('reason-new').click();
    await this.field('Label').fill(label);
    await this.chooseOption('reason-kind', kind);
    await this.save();
  }

  /** Picks an option of the select named `label` (for selects without a test id). */
  async chooseIn(label: string, option: string): Promise<void> {
    await pickOption(this.page, this.editor().getByRole('combobox', { name: label, exact: true }), option);
  }

  async addTaskType(values: { label: string; category: string; queue: string }): Promise<void> {
    await this.tab('task_types');
    await this.newButton('task-type-new').click();
    await this.field('Label').fill(values.label);
    await this.chooseIn('Category', values.category);
    await this.chooseIn('Default queue', values.queue);
    await this.save();
  }

  /** A rule matching one task type, sending it to a queue and a pool of people (display names). */
  async addRoutingRule(values: { taskType: string; queue: string; pool: string[] }): Promise<void> {
    await this.tab('routing');
    await this.newButton('routing-rule-new').click();
    await this.page.getByTestId('routing-matches-all').waitFor();
    await this.chooseIn('Task type', values.taskType);
    await this.page.getByTestId('routing-matches-all').waitFor({ state: 'detached' });
    await this.chooseIn('Queue', values.queue);
    for (const person of values.pool) {
      await this.field('Pool: who this rule assigns to').fill(person);
      await this.page.getByRole('option', { name: person, exact: true }).click();
    }
    await this.save();
  }

  /** A request type of the patient request page, filing `taskType`, with one more (optional) short-text field. */
  async addRequestType(values: { label: string; taskType: string; field: string }): Promise<void> {
    await this.tab('patient_requests');
    await this.page.getByTestId('request-type-new').click();
    await this.field('What the patient reads').fill(values.label);
    await this.chooseIn('Files a task of type', values.taskType);
    const fields = this.editor().getByTestId('request-fields-editor');
    await fields.getByRole('button', { name: 'Add field' }).click();
    await fields
      .getByLabel(/^Field \d+: label$/)
      .last()
      .fill(values.field);
    await this.save();
  }

  async setTaskTypeDueHours(label: string, hours: string): Promise<void> {
    await this.tab('task_types');
    await this.select(label);
    await this.field('Default due (business hours)').fill(hours);
    await this.save();
  }

  async setLocationLockMinutes(location: string, minutes: string): Promise<void> {
    await this.tab('locations');
    await this.select(location);
    await this.field('Lock after (minutes without input)').fill(minutes);
    await this.save();
  }

  staffRow(displayName: string) {
    return this.page.getByTestId('staff-row').filter({ hasText: displayName });
  }

  /** The staff row's out-of-office text ("Dec 7 – Dec 9, covered by …", or "—"). */
  async outOfOffice(displayName: string): Promise<string> {
    return (await this.staffRow(displayName).getByTestId('staff-away').textContent()) ?? '';
  }

  outSwitch(displayName: string) {
    return this.page.getByRole('switch', { name: `${displayName} is out` });
  }

  async setOut(displayName: string, out: boolean): Promise<void> {
    await this.tab('staff');
    const toggle = this.outSwitch(displayName);
    // The switch shows the replica's state: it flips once the local write lands.
    if ((await toggle.isChecked()) !== out) await toggle.click();
    await this.page.waitForFunction(
      ({ name, want }) => document.querySelector<HTMLInputElement>(`input[aria-label="${name} is out"]`)?.checked === want,
      { name: displayName, want: out },
    );
  }

  /** A tab's button (absent when the signed-in role has no such tab). */
  tabButton(tab: string) {
    return this.page.getByTestId(`admin-tab-${tab}`);
  }

  /** The "Out" chip of a staff row. */
  outChip(displayName: string) {
    return this.staffRow(displayName).getByTestId('staff-out-chip');
  }

  /** Text inside the open editor (a field's message). */
  editorText(text: string) {
    return this.editor().getByText(text);
  }

  async waitShown(timeout = 20_000): Promise<void> {
    await this.tabButton('task_types').waitFor({ timeout });
  }
}
