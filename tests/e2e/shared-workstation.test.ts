// Shared workstations in the browser: two people on one browser profile switching with a PIN,
// the automatic lock driven by Playwright's fake clock, and the offline sign-in window.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../support/api';
import { BoardPage } from './pages/BoardPage';
import { LockPage } from './pages/LockPage';
import { SignInPage } from './pages/SignInPage';
import { ApprovalPage } from './pages/ApprovalPage';
import { useE2eHarness } from './support/harness';

const poll = { timeout: 20_000, interval: 200 };
const MARIA = 'Maria Lopez';
const ALEX = 'Dr. Alex Chen';
/** A patient reference as the demo seed writes them (MRN plus initials). */
const PHI = /MRN \d{6}/;

const e2e = useE2eHarness();
const workstation = (fakeClock = false) => e2e.workstation({ fakeClock });

async function boardReady(page: Page, status: 'Online' | 'Offline' = 'Online'): Promise<BoardPage> {
  const board = new BoardPage(page);
  await board.waitReady();
  await expect.poll(() => board.syncStatus(), poll).toContain(status);
  return board;
}

const signedInAs = (page: Page) => new BoardPage(page).signedInAs();
const pageHtml = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);
const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

/** Changes the demo location's shared-workstation limits, as an admin would (the location document). */
async function setLocationLimits(limits: { lockAfterMinutes?: number; offlineSignInHours?: number }): Promise<void> {
  const admin = await apiSignIn(e2e.server.url, 'admin', 'ws-config-admin');
  const { documents } = await admin.pullAll('config', 1000);
  const current = documents.find((d) => d.id === 'location:loc-main');
  const next = { ...current, body: { ...current.body, ...limits }, pendingSync: true, updatedAt: new Date().toISOString() };
  delete next._deleted;
  const answer = await admin.post('/api/sync/config/push', [{ assumedMasterState: current, newDocumentState: next }]);
  expect(answer).toMatchObject({ status: 200, body: [] });
}

/** The server's audit entries since `from` as [actorId, action, reason] (first columns and the reason before the two hashes). */
async function auditSince(from: string): Promise<string[][]> {
  const admin = await apiSignIn(e2e.server.url, 'admin', 'ws-audit-reader');
  const to = new Date(Date.now() + 60_000).toISOString();
  const response = await fetch(`${e2e.server.url}/api/admin/audit.csv?from=${from}&to=${to}`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  expect(response.status).toBe(200);
  return (await response.text())
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const fields = line.split(',');
      return [fields[2], fields[4], fields[fields.length - 3]];
    });
}

describe('shared workstations', () => {
  it('switches between two people with a PIN on one browser profile, each on their own replica', async () => {
    const started = new Date(Date.now() - 1000).toISOString();
    const ws = await workstation();
    const signIn = new SignInPage(ws.page);
    const lock = new LockPage(ws.page);
    await signIn.signIn('frontdesk', 'baton-demo', { pin: '1111' });
    await boardReady(ws.page);
    expect(await signedInAs(ws.page)).toContain(MARIA);

    // Locked from the menu: the name only, nothing of the board.
    await lock.lockFromMenu();
    await lock.waitShown();
    expect(await lock.lockedUser()).toBe(MARIA);
    expect(await new BoardPage(ws.page).cards().count()).toBe(0);

    // A second person signs in with their password on the same profile and chooses a PIN.
    await lock.switchPerson();
    await signIn.signIn('clinician', 'baton-demo', { pin: '2222' });
    await boardReady(ws.page);
    expect(await signedInAs(ws.page)).toContain(ALEX);

    // Ctrl+L locks; Maria switches back in with her PIN, online (the server is told).
    await new LockPage(ws.page).lockWithKeys();
    await lock.waitShown();
    expect(await lock.lockedUser()).toBe(ALEX);
    await lock.switchTo(MARIA, '1111');
    const maria = await boardReady(ws.page);
    expect(await signedInAs(ws.page)).toContain(MARIA);

    // Offline, Maria files a task: it waits in her replica only.
    await ws.context.setOffline(true);
    await expect.poll(() => maria.syncStatus(), poll).toContain('Offline');
    const title = unique('Call back about intake packet');
    await (
      await maria.newTask()
    ).create({
      title,
      type: 'Prior-auth follow-up',
      priority: 'Urgent',
      patientRef: 'MRN 300111 K.L.',
      provider: ALEX,
      description: 'Payer needs notes',
    });
    await maria.waitForCard(title);
    expect(await maria.pendingCount()).toBe(1);

    await new LockPage(ws.page).lockWithKeys();
    await lock.waitShown();
    await lock.switchTo(ALEX, '2222');
    const alex = await boardReady(ws.page, 'Offline');
    expect(await signedInAs(ws.page)).toContain(ALEX);
    expect(await alex.pendingCount()).toBe(0);
    expect(await alex.card(title).count()).toBe(0);

    await new LockPage(ws.page).lockWithKeys();
    await lock.switchTo(MARIA, '1111');
    const back = await boardReady(ws.page, 'Offline');
    await back.waitForCard(title);
    expect(await back.pendingCount()).toBe(1);

    // Back online, her change uploads with the session her PIN resumed.
    await ws.context.setOffline(false);
    await expect.poll(() => back.syncStatus(), poll).toContain('Online');
    await expect.poll(() => back.pendingCount(), poll).toBe(0);

    // Two replicas on this profile, one per person.
    const replicas = await ws.page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      const people = Object.keys(localStorage)
        .filter((k) => k.startsWith('baton.keyring.'))
        .map((k) => k.slice('baton.keyring.'.length));
      return people.map((id) => names.some((n) => n.includes(`-u-${id.toLowerCase().replace(/[^a-z0-9]/g, '-')}`)));
    });
    expect(replicas).toEqual([true, true]);
    // The server recorded the locks and the PIN unlocks (online ones) of both people.
    const ids = await ws.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('baton.keyring.'))
        .map((k) => k.slice(14)),
    );
    const audit = await auditSince(started);
    for (const id of ids) expect(audit).toContainEqual([id, 'lock', 'manual']);
    expect(audit.filter(([, action, reason]) => action === 'unlock' && reason === 'pin').length).toBeGreaterThanOrEqual(1);
    // The sign-in screen lists display names only.
    await new LockPage(ws.page).lockWithKeys();
    await lock.switchPerson();
    expect(await signIn.people()).toEqual([ALEX]);
  });

  it('gives an approval window opened later the key of the unlocked board window, and locks and unlocks both together', async () => {
    const ws = await workstation();
    await new SignInPage(ws.page).signIn('clinician', 'baton-demo', { pin: '7531' });
    await boardReady(ws.page);
    const approvalPage = await ws.context.newPage();
    await approvalPage.goto(`${e2e.server.url}/#/approval`);
    await new ApprovalPage(approvalPage).waitShown();

    await new LockPage(ws.page).lockWithKeys();
    await new LockPage(ws.page).waitShown();
    await new LockPage(approvalPage).waitShown();
    expect(await new ApprovalPage(approvalPage).screen().count()).toBe(0);
    expect(PHI.test(await pageHtml(approvalPage))).toBe(false);

    // A new window while locked has no key to get: it shows the lock screen too.
    const late = await ws.context.newPage();
    await late.goto(`${e2e.server.url}/#/approval`);
    await new LockPage(late).waitShown();
    expect(await new LockPage(late).lockedUser()).toBe(ALEX);

    // The PIN in one window unlocks the others.
    await new LockPage(approvalPage).unlockWithPin('7531');
    await new ApprovalPage(approvalPage).waitShown();
    await boardReady(ws.page);
    await new ApprovalPage(late).waitShown();
  });

  it('asks for the password when the server refused the stored session, uploads the changes made offline after it; a PIN set later from the menu unlocks', async () => {
    const ws = await workstation();
    const signIn = new SignInPage(ws.page);
    // "Not now" at the offer; the PIN is set later from the menu.
    await signIn.signIn('frontdesk');
    const board = await boardReady(ws.page);
    await board.setPinFromMenu('8642');

    await ws.context.setOffline(true);
    await expect.poll(() => board.syncStatus(), poll).toContain('Offline');
    const title = unique('Insurance card copy missing');
    await (
      await board.newTask()
    ).create({ title, type: 'Prior-auth follow-up', patientRef: 'MRN 300222 M.N.', provider: ALEX, description: 'Ask at next visit' });
    expect(await board.pendingCount()).toBe(1);

    // Meanwhile an administrator ends this sign-in on the server.
    const { userId, workstationId } = await ws.page.evaluate(() => ({
      userId: Object.keys(localStorage)
        .find((k) => k.startsWith('baton.keyring.'))!
        .slice(14),
      workstationId: localStorage.getItem('baton.workstationId'),
    }));
    const admin = await apiSignIn(e2e.server.url, 'admin', 'ws-session-admin');
    const live = (await admin.get('/api/admin/sessions')).body as { id: string; userId: string; workstationId: string }[];
    const mine = live.filter((s) => s.userId === userId && s.workstationId === workstationId);
    expect(mine.length).toBeGreaterThan(0);
    for (const session of mine) expect((await admin.post(`/api/admin/sessions/${session.id}/revoke`, {})).status).toBe(200);

    const reconnected = new Date(Date.now() - 1000).toISOString();
    await ws.context.setOffline(false);
    await signIn.message().waitFor({ timeout: 30_000 });
    expect(await signIn.message().textContent()).toContain('needs your password');
    expect(await signIn.username()).toBe('frontdesk');
    await signIn.signIn('frontdesk');
    const back = await boardReady(ws.page);
    await expect.poll(() => back.pendingCount(), poll).toBe(0);
    await new LockPage(ws.page).lockWithKeys();
    await new LockPage(ws.page).unlockWithPin('8642');
    await boardReady(ws.page);
    // The change made offline reached the server as this person (who may read it is the policy's business).
    expect(await auditSince(reconnected)).toContainEqual([userId, 'create', '']);
  });

  it('locks after the location’s minutes without input (set to 2 here): patient references leave the DOM until the PIN', async () => {
    const started = new Date(Date.now() - 1000).toISOString();
    await setLocationLimits({ lockAfterMinutes: 2 });
    const ws = await workstation(true);
    const signIn = new SignInPage(ws.page);
    const lock = new LockPage(ws.page);
    await signIn.signIn('frontdesk', 'baton-demo', { pin: '4826' });
    await boardReady(ws.page);
    await expect.poll(async () => PHI.test(await pageHtml(ws.page)), poll).toBe(true);
    // The workstation has the location's limit (it also remembers it for offline sign-in).
    await expect
      .poll(() => ws.page.evaluate(() => localStorage.getItem('baton.location-policy') ?? ''), poll)
      .toContain('"lockAfterMinutes":2');

    await ws.page.mouse.move(10, 10);
    await ws.page.mouse.move(20, 20);
    await ws.page.clock.fastForward('01:45');
    expect(await lock.screen().count()).toBe(0);
    expect(await new BoardPage(ws.page).cards().count()).toBeGreaterThan(0);

    await ws.page.clock.fastForward('00:30');
    await lock.waitShown();
    expect(await lock.lockedUser()).toBe(MARIA);
    const locked = await pageHtml(ws.page);
    expect(PHI.test(locked)).toBe(false);
    expect(await new BoardPage(ws.page).isShown()).toBe(false);
    const [mariaId] = await ws.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('baton.keyring.'))
        .map((k) => k.slice(14)),
    );
    await expect.poll(() => auditSince(started), poll).toContainEqual([mariaId, 'lock', 'inactivity']);

    await lock.unlockWithPin('0000');
    await expect.poll(async () => (await signIn.message().textContent()) ?? '', poll).toContain('Wrong PIN. 4 attempts left');
    await lock.unlockWithPin('4826');
    await boardReady(ws.page);
    await expect.poll(async () => PHI.test(await pageHtml(ws.page)), poll).toBe(true);
    await setLocationLimits({ lockAfterMinutes: 5 });
  });

  it('signs in offline with the PIN within 72 hours of the last online sign-in, and refuses it after', async () => {
    const ws = await workstation(true);
    const signIn = new SignInPage(ws.page);
    const lock = new LockPage(ws.page);
    await signIn.signIn('frontdesk', 'baton-demo', { pin: '5555' });
    await (await boardReady(ws.page)).waitForOfflineShell();

    // Locked, then the network goes: the PIN unlocks offline, and sync resumes when it is back.
    await new LockPage(ws.page).lockWithKeys();
    await lock.waitShown();
    await ws.context.setOffline(true);
    await lock.unlockWithPin('5555');
    const offline = await boardReady(ws.page, 'Offline');
    await ws.context.setOffline(false);
    await expect.poll(() => offline.syncStatus(), poll).toContain('Online');

    // Signed out, offline: pick the name, enter the PIN.
    await ws.context.setOffline(true);
    await new BoardPage(ws.page).signOut();
    await signIn.waitShown();
    expect(await signIn.people()).toEqual([MARIA]);
    await signIn.switchTo(MARIA, '5555');
    await boardReady(ws.page, 'Offline');
    // A reload of the unlocked tab during the outage reopens the board (the key stays with the tab).
    await ws.page.reload();
    await boardReady(ws.page, 'Offline');

    // 73 hours later, still offline: neither the PIN nor the password is enough.
    await new BoardPage(ws.page).signOut();
    await signIn.waitShown();
    const now = await ws.page.evaluate(() => Date.now());
    await ws.page.clock.setSystemTime(now + 73 * 3_600_000);
    await signIn.switchTo(MARIA, '5555');
    await signIn.message().waitFor();
    expect(await signIn.message().textContent()).toContain('not signed in online on this workstation in the last 72 hours');
    await signIn.someoneElse();
    await signIn.signIn('frontdesk');
    await expect.poll(async () => (await signIn.message().textContent()) ?? '', poll).toContain('Connect to the network');
    expect(await new BoardPage(ws.page).isShown()).toBe(false);

    // Online again, a password sign-in opens the window anew.
    await ws.context.setOffline(false);
    await signIn.signIn('frontdesk');
    await boardReady(ws.page);
  });
});
