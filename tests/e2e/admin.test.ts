// The practice configuration screen: an admin changes reason codes, staff and task types on one
// workstation; the change replicates (checked through the sync API as a front-desk user), a
// manager may only mark people out, and a front-desk user gets no edit controls. A task type and a
// routing rule the admin adds are used by intake and triage on another workstation.
import { describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../support/api';
import { AdminPage } from './pages/AdminPage';
import { useE2eHarness } from './support/harness';

const poll = { timeout: 20_000, interval: 250 };

const e2e = useE2eHarness();

async function signedIn(username: string) {
  const desk = await e2e.signedIn(username);
  return { ...desk, admin: new AdminPage(desk.ws.page) };
}

/** The replicated configuration as a front-desk workstation pulls it. */
async function configSeenByFrontDesk(): Promise<Map<string, any>> {
  const api = await apiSignIn(e2e.server.url, 'frontdesk', 'ws-admin-check');
  const { documents } = await api.pullAll('config');
  return new Map(documents.map((d) => [d.id, d]));
}

describe('practice configuration', () => {
  it(
    'an admin adds a reason code, marks someone out and changes a due time; a front-desk user receives it and has no edit controls',
    { timeout: 150_000 },
    async () => {
      const a = await signedIn('admin');
      await a.admin.open();
      const suffix = Math.random().toString(36).slice(2, 7);
      const label = `Fax unreadable ${suffix}`;

      // A new reason code: its key is the slug of the label.
      await a.admin.addReasonCode(label, 'Rejection');
      await expect.poll(() => a.admin.saveStatus().textContent(), poll).toContain('Saved on this workstation');
      await a.admin.entry(label).waitFor();

      // Nothing invalid is saved: the error shows on the field.
      await a.admin.tab('task_types');
      await a.admin.select('Records request');
      await a.admin.field('Default due (business hours)').fill('soon');
      await a.admin.save();
      expect(await a.admin.saveStatus().textContent()).toContain('correct the highlighted fields');
      expect(await a.admin.editorText('Enter a number').count()).toBe(1);
      await a.admin.setTaskTypeDueHours('Records request', '33');
      await expect.poll(() => a.admin.saveStatus().textContent(), poll).toContain('Saved on this workstation');

      await a.admin.setOut('Jordan Lee', true);
      await a.admin.outChip('Jordan Lee').waitFor();
      await expect.poll(() => a.board.pendingCount(), poll).toBe(0);

      // Workstation B's user, through the sync API: the change replicated.
      await expect
        .poll(async () => {
          const config = await configSeenByFrontDesk();
          const reason = [...config.values()].find((d) => d.kind === 'reason_code' && d.body.label === label);
          const staff = [...config.values()].find((d) => d.kind === 'staff' && d.body.displayName === 'Jordan Lee');
          return {
            reason: reason && { id: reason.id, kind: reason.body.kind, active: reason.body.active },
            due: config.get('task_type:records_request')?.body.defaultDueHours,
            out: staff?.body.out,
          };
        }, poll)
        .toEqual({ reason: { id: `reason_code:fax_unreadable_${suffix}`, kind: 'rejection', active: true }, due: 33, out: true });

      // Workstation B, signed in as front desk, opens #/admin: no access, no edit controls.
      const b = await signedIn('frontdesk');
      await b.admin.open();
      await b.admin.noAccess().waitFor();
      expect(await b.admin.noAccess().textContent()).toContain("You don't have access");
      expect(await b.admin.editControls().count()).toBe(0);
      await b.admin.backToBoard();
      await b.board.waitReady();
      expect([...a.ws.errors, ...b.ws.errors]).toEqual([]);
    },
  );

  it(
    'an admin adds a task type and a rule routing it; another workstation offers the type at intake and triage routes it by the rule',
    { timeout: 150_000 },
    async () => {
      const a = await signedIn('admin');
      await a.admin.open();
      const label = `Equipment order ${Math.random().toString(36).slice(2, 7)}`;

      // Not saved without a category and a queue: the errors show on the fields.
      await a.admin.tab('task_types');
      await a.admin.newButton('task-type-new').click();
      await a.admin.field('Label').fill(label);
      await a.admin.save();
      expect(await a.admin.saveStatus().textContent()).toContain('correct the highlighted fields');
      await a.admin.addTaskType({ label, category: 'Operations', queue: 'Front desk' });
      await expect.poll(() => a.admin.saveStatus().textContent(), poll).toContain('Saved on this workstation');
      await a.admin.entry(label).waitFor();

      await a.admin.addRoutingRule({ taskType: label, queue: 'Practice operations', pool: ['Kim Novak'] });
      await expect.poll(() => a.admin.saveStatus().textContent(), poll).toContain('Saved on this workstation');
      await a.admin.entry(`1. ${label}`).waitFor();
      await expect.poll(() => a.board.pendingCount(), poll).toBe(0);

      // The front desk takes the request as the new type; triage routes it by the new rule.
      const b = await signedIn('frontdesk');
      const title = `Walker for a patient ${label.slice(-5)}`;
      const form = await b.board.newTask();
      await form.create({ title, type: label, description: 'Patient needs a walker after a fall' });
      await b.board.openView('triage');
      const drawer = await b.board.openTask(title);
      await expect.poll(() => drawer.routeText(), poll).toBe('Routes to Kim Novak · Practice operations');
      expect([...a.ws.errors, ...b.ws.errors]).toEqual([]);
    },
  );

  it(
    'an admin sets how soon a location’s workstations lock; the setting replicates, a manager sees it read-only',
    { timeout: 120_000 },
    async () => {
      const a = await signedIn('admin');
      await a.admin.open();
      await a.admin.setLocationLockMinutes('Maple Street Family Medicine', '0');
      expect(await a.admin.saveStatus().textContent()).toContain('correct the highlighted fields');
      await a.admin.setLocationLockMinutes('Maple Street Family Medicine', '12');
      await expect.poll(() => a.admin.saveStatus().textContent(), poll).toContain('Saved on this workstation');
      await expect.poll(async () => (await configSeenByFrontDesk()).get('location:loc-main')?.body.lockAfterMinutes, poll).toBe(12);

      const m = await signedIn('manager');
      await m.admin.open();
      await m.admin.tab('locations');
      await m.admin.select('Maple Street Family Medicine');
      await m.admin.readOnlyNote().waitFor();
      expect(await m.admin.field('Lock after (minutes without input)').inputValue()).toBe('12');
    },
  );

  it('a manager marks people out but sees task types read-only', async () => {
    const m = await signedIn('manager');
    await m.admin.open();
    await m.admin.setOut('Sam Okafor', true);
    await m.admin.outChip('Sam Okafor').waitFor();
    await expect.poll(() => m.board.pendingCount(), poll).toBe(0);
    await expect
      .poll(
        async () =>
          [...(await configSeenByFrontDesk()).values()].find((d) => d.kind === 'staff' && d.body.displayName === 'Sam Okafor')?.body.out,
        poll,
      )
      .toBe(true);

    await m.admin.tab('task_types');
    await m.admin.select('Portal message');
    await m.admin.readOnlyNote().waitFor();
    expect(await m.admin.saveButtons().count()).toBe(0);
    expect(await m.admin.field('Label').isDisabled()).toBe(true);
  });

  it('works offline: a change made without the server waits in the pending count and uploads when it is back', async () => {
    const a = await signedIn('admin');
    await a.admin.open();
    await a.ws.context.setOffline(true);
    await expect.poll(() => a.board.syncStatus(), poll).toContain('Offline');
    const label = `Payer portal down ${Math.random().toString(36).slice(2, 7)}`;
    await a.admin.addReasonCode(label, 'Exception (waiting)');
    await expect.poll(() => a.admin.saveStatus().textContent(), poll).toContain('Saved on this workstation');
    expect(await a.board.pendingCount()).toBeGreaterThanOrEqual(1);
    const seen = async () => [...(await configSeenByFrontDesk()).values()].some((d) => d.kind === 'reason_code' && d.body.label === label);
    expect(await seen()).toBe(false);

    await a.ws.context.setOffline(false);
    await expect.poll(() => a.board.pendingCount(), poll).toBe(0);
    await expect.poll(seen, poll).toBe(true);
  });
});
