// The admin's "People & roles" screen against a real server and two workstations: giving the front
// desk the billing role shows billing work on Maria's already-open board (replica and the roles
// the UI decides by) without a new sign-in, and taking it away removes it; (de)activating people,
// the admin's own deactivation refused, the screen saying it needs a connection, and no tab for a manager;
// adding a person who then signs in elsewhere and sees their queue, and resetting their password.
// The staff list (routing, owner pickers) follows: a new person is on it, a deactivated one is out.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn as apiSignIn } from '../support/api';
import { AdminPage } from './pages/AdminPage';
import { BoardPage } from './pages/BoardPage';
import { PeopleSection } from './pages/PeopleSection';
import { SignInPage } from './pages/SignInPage';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();
const poll = { timeout: 20_000, interval: 200 };

/** A sign-in with the demo password, straight to the server. */
const login = (username: string) =>
  fetch(`${e2e.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'baton-demo', workstationId: 'ws-people-login' }),
  });

async function openPeople(page: Page): Promise<PeopleSection> {
  await new AdminPage(page).open();
  const people = new PeopleSection(page);
  await people.open();
  return people;
}

describe('people and roles (admin)', () => {
  it(
    'gives the front desk the billing role and takes it away: Maria’s open board follows without signing in again',
    { timeout: 180_000 },
    async () => {
      const manager = await apiSignIn(e2e.server.url, 'manager', 'ws-people-check');
      const all = (await manager.pullAll('tasks', 1000)).documents;
      const billingTask = all.find(
        (d) => d.queue === 'billing' && ['new', 'in_progress', 'waiting'].includes(d.status) && d.ownerId !== 'u-frontdesk',
      );
      const frontDeskTask = all.find((d) => d.queue === 'front_desk' && ['new', 'in_progress', 'waiting'].includes(d.status));
      expect(billingTask).toBeDefined();
      expect(frontDeskTask).toBeDefined();

      const maria = await e2e.signedIn('frontdesk');
      await maria.board.waitForCard(frontDeskTask.title);
      expect(await maria.board.card(billingTask.title).count()).toBe(0);
      expect(await maria.board.rolesInUserMenu()).not.toContain('Billing');

      const admin = await e2e.signedIn('admin');
      const people = await openPeople(admin.ws.page);
      expect(await people.roles('frontdesk')).toBe('Front desk');
      expect(await people.status('frontdesk')).toBe('Active');
      expect(await people.roles('admin')).toBe('Administrator');

      await people.changeRoles('frontdesk', { add: ['billing'] });
      await expect.poll(() => people.roles('frontdesk'), poll).toBe('Front desk, Billing');

      // Maria's board, open all along: the billing task arrives, her roles follow, and she works it.
      await maria.board.openView('queue:billing');
      await maria.board.waitForCard(billingTask.title);
      await expect.poll(() => maria.board.rolesInUserMenu(), poll).toContain('Billing');
      const drawer = await maria.board.openTask(billingTask.title);
      await expect.poll(() => drawer.field('title').isEnabled(), poll).toBe(true);
      expect(await drawer.readOnlyNote().count()).toBe(0);
      await drawer.closeWithEscape();

      await people.changeRoles('frontdesk', { remove: ['billing'] });
      await expect.poll(() => people.roles('frontdesk'), poll).toBe('Front desk');
      await maria.board.card(billingTask.title).first().waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(() => maria.board.rolesInUserMenu(), poll).not.toContain('Billing');
      await maria.board.openView('board');
      await maria.board.waitForCard(frontDeskTask.title);
      expect(await maria.board.card(billingTask.title).count()).toBe(0);
      // Still the same sign-in: the board never went back to the sign-in screen.
      expect(await new SignInPage(maria.ws.page).isShown()).toBe(false);
      expect(maria.ws.errors).toEqual([]);
      expect(admin.ws.errors).toEqual([]);
    },
  );

  it(
    'deactivates and activates someone after a confirmation; refuses the admin’s own deactivation; needs a connection',
    { timeout: 150_000 },
    async () => {
      const { ws } = await e2e.signedIn('admin');
      const people = await openPeople(ws.page);

      await people.toggleActive('referrals');
      await expect.poll(() => people.status('referrals'), poll).toBe('Deactivated');
      // Routing no longer picks a deactivated person: they are out on the staff list.
      const config = new AdminPage(ws.page);
      await config.tab('staff');
      await config.outChip('Priya Shah').waitFor(poll);
      await people.open();
      expect((await login('referrals')).status).toBe(401);
      await people.toggleActive('referrals');
      await expect.poll(() => people.status('referrals'), poll).toBe('Active');
      await config.tab('staff');
      await config.outChip('Priya Shah').waitFor({ state: 'detached', timeout: 20_000 });
      await people.open();
      expect((await login('referrals')).status).toBe(200);

      expect(await people.toggleActiveRefused('admin')).toBe('You cannot deactivate your own account');
      await people.cancelDialog();
      expect(await people.status('admin')).toBe('Active');

      await ws.context.setOffline(true);
      await people.offlineNotice().waitFor({ timeout: 20_000 });
      expect(await people.table().count()).toBe(0);
      await ws.context.setOffline(false);
      await people.table().waitFor({ timeout: 30_000 });
      expect(ws.errors).toEqual([]);

      // A manager opens the configuration (Staff) but has no People & roles tab.
      const manager = await e2e.signedIn('manager');
      const admin = new AdminPage(manager.ws.page);
      await admin.open();
      await admin.tabButton('staff').waitFor();
      expect(await admin.tabButton('people').count()).toBe(0);
    },
  );

  it(
    'adds a person who signs in on another workstation and sees their queue; a reset makes the old password fail',
    { timeout: 180_000 },
    async () => {
      const manager = await apiSignIn(e2e.server.url, 'manager', 'ws-people-add');
      const billingTask = (await manager.pullAll('tasks', 1000)).documents.find(
        (d) => d.queue === 'billing' && ['new', 'in_progress', 'waiting'].includes(d.status),
      );
      expect(billingTask).toBeDefined();

      const admin = await e2e.signedIn('admin');
      const people = await openPeople(admin.ws.page);
      // The server's refusal shows in the dialog: a username that exists.
      expect(
        await people.addPersonRefused({
          username: 'Billing',
          displayName: 'Twin',
          roles: ['billing'],
          locationIds: ['loc-main'],
          password: 'long-enough-password',
        }),
      ).toContain('already taken');
      await people.cancelDialog();

      const first = await people.addPerson({
        username: 'jo.smith',
        displayName: 'Jo Smith',
        roles: ['billing'],
        locationIds: ['loc-main'],
      });
      expect(first).toMatch(/^[A-Za-z2-9]{18}$/);
      await expect.poll(() => people.roles('jo.smith'), poll).toBe('Billing');
      expect(await people.temporaryPasswordShown().count()).toBe(0);
      // Jo is on the staff list, which routing pools and the owner pickers read.
      await expect
        .poll(
          async () =>
            (await manager.pullAll('config')).documents.find((d) => d.kind === 'staff' && d.body.displayName === 'Jo Smith')?.body,
          poll,
        )
        .toMatchObject({ role: 'billing', queues: ['billing'], locationIds: ['loc-main'], out: false });
      const adminConfig = new AdminPage(admin.ws.page);
      await adminConfig.tab('staff');
      await adminConfig.staffRow('Jo Smith').waitFor(poll);
      await people.open();

      const jo = await e2e.workstation();
      await new SignInPage(jo.page).signIn('jo.smith', first);
      const board = new BoardPage(jo.page);
      await board.waitReady();
      // Signed in with the admin's password: Jo chooses her own before working (no way around it online).
      await board.passwordRequired().waitFor(poll);
      expect(await board.passwordLater().count()).toBe(0);
      await board.chooseOwnPassword(first, 'jo smith own passphrase');
      await board.openView('queue:billing');
      await board.waitForCard(billingTask.title);

      const second = await people.resetPassword('jo.smith');
      expect(second).toMatch(/^[A-Za-z2-9]{18}$/);
      expect(second).not.toBe(first);
      // On a fresh workstation the old password is refused and the new one opens the board.
      const other = await e2e.workstation();
      const signIn = new SignInPage(other.page);
      await signIn.signIn('jo.smith', first);
      await signIn.message().waitFor();
      expect(await signIn.isShown()).toBe(true);
      await signIn.signIn('jo.smith', second);
      const otherBoard = new BoardPage(other.page);
      await otherBoard.waitReady();
      await otherBoard.chooseOwnPassword(second, 'jo smith second own one');
      await otherBoard.openView('queue:billing');
      await otherBoard.waitForCard(billingTask.title);
      expect(admin.ws.errors).toEqual([]);
      expect(other.errors).toEqual([]);
    },
  );

  it(
    'a password reset keeps the person’s offline changes on their workstation (the keyring’s server escrow)',
    { timeout: 150_000 },
    async () => {
      const admin = await apiSignIn(e2e.server.url, 'admin', 'ws-people-escrow');
      const person = {
        username: 'sam.lee',
        displayName: 'Sam Lee',
        roles: ['front_desk'],
        locationIds: ['loc-main'],
        password: 'sams-first-password',
      };
      const created = await admin.post('/api/admin/users', person);
      expect(created.status).toBe(201);

      const ws = await e2e.workstation();
      const signIn = new SignInPage(ws.page);
      await signIn.signIn('sam.lee', person.password);
      const board = new BoardPage(ws.page);
      await board.waitReady();
      await expect.poll(() => board.syncStatus(), poll).toContain('Online');
      await board.chooseOwnPassword(person.password, 'sams own long password');
      await ws.context.setOffline(true);
      await expect.poll(() => board.syncStatus(), poll).toContain('Offline');
      const title = `Filed before the reset ${Math.random().toString(36).slice(2, 8)}`;
      await (
        await board.newTask()
      ).create({ title, type: 'Prior-auth follow-up', patientRef: 'MRN 300333 S.L.', provider: 'Dr. Alex Chen', description: 'Offline' });
      expect(await board.pendingCount()).toBe(1);

      expect((await admin.post(`/api/admin/users/${created.body.id}/password`, { password: 'sams-second-password' })).status).toBe(200);
      await ws.context.setOffline(false);
      await signIn.message().waitFor({ timeout: 30_000 });
      await signIn.signIn('sam.lee', 'sams-second-password');
      const back = new BoardPage(ws.page);
      await back.waitReady();
      await back.passwordRequired().waitFor(poll);
      // The same replica opened (not a fresh one): the change made offline uploads.
      await expect.poll(() => back.pendingCount(), poll).toBe(0);
      const manager = await apiSignIn(e2e.server.url, 'manager', 'ws-people-escrow-check');
      await expect.poll(async () => (await manager.pullAll('tasks', 1000)).documents.some((d) => d.title === title), poll).toBe(true);
      // Offline the own password cannot be chosen: it may be put off (and is asked for again later).
      expect(await back.passwordLater().count()).toBe(0);
      await ws.context.setOffline(true);
      await back.passwordLater().click();
      await back.passwordForm().waitFor({ state: 'detached' });
      expect(ws.errors).toEqual([]);
    },
  );

  it(
    'a deactivation made before the practice configuration reached a fresh workstation still takes the person off routing',
    { timeout: 150_000 },
    async () => {
      // The admin's workstation gets no configuration until the deactivation is on the server.
      const ws = await e2e.workstation();
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      await ws.page.route('**/api/sync/config/pull**', async (route) => {
        await released;
        await route.continue();
      });
      await new SignInPage(ws.page).signIn('admin');
      await new AdminPage(ws.page).landed().waitFor({ timeout: 60_000 });
      const people = new PeopleSection(ws.page);
      await people.open();
      const deactivated = people.toggleActive('referrals');
      await expect.poll(async () => (await login('referrals')).status, poll).toBe(401);
      release();
      await deactivated;
      await expect.poll(() => people.status('referrals'), poll).toBe('Deactivated');

      // Priya's entry on the server says she is out (routing reads it), and so does the staff list.
      const manager = await apiSignIn(e2e.server.url, 'manager', 'ws-people-out-check');
      await expect
        .poll(
          async () =>
            (await manager.pullAll('config')).documents.find((d) => d.kind === 'staff' && d.body.displayName === 'Priya Shah')?.body.out,
          poll,
        )
        .toBe(true);
      const config = new AdminPage(ws.page);
      await config.tab('staff');
      await config.outChip('Priya Shah').waitFor(poll);
      expect(ws.errors).toEqual([]);
    },
  );
});
