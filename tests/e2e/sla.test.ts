// SLA clocks in the browser: a chip keeps moving on an offline workstation (the page's clock is
// Playwright's), the At risk view sorts by time left, and only managers get the Exceptions view.
import { describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../support/api';
import { BoardPage } from './pages/BoardPage';
import { ALWAYS_OPEN_HOURS, updateLocation } from './pages/ConfigApi';
import { SignInPage } from './pages/SignInPage';
import { useE2eHarness } from './support/harness';

const poll = { timeout: 20_000, interval: 200 };
const e2e = useE2eHarness();

/** Open around the clock and no lock for a day: the test's clock jump then means the same on any weekday. */
async function alwaysOpen(): Promise<void> {
  const admin = await apiSignIn(e2e.server.url, 'admin', 'ws-sla-admin');
  await updateLocation(admin, 'loc-main', { openingHours: ALWAYS_OPEN_HOURS, closures: [], lockAfterMinutes: 1440 });
}

describe('SLA in the browser', () => {
  it("an offline workstation's chip turns to breached without the server", async () => {
    await alwaysOpen();
    const ws = await e2e.workstation({ fakeClock: true });
    await new SignInPage(ws.page).signIn('frontdesk');
    const board = new BoardPage(ws.page);
    await board.waitReady();
    await expect.poll(() => board.syncStatus(), poll).toContain('Online');

    // A general task: first touch within 2 business hours.
    const title = `SLA offline ${Math.random().toString(36).slice(2, 8)}`;
    await (await board.newTask()).create({ title, type: 'General task' });
    await board.waitForCard(title);
    await expect.poll(() => board.pendingCount(), poll).toBe(0);
    await expect.poll(() => board.slaState(title), poll).toBe('on_track');
    expect(await board.slaChip(title).textContent()).toMatch(/to start$/);

    await ws.context.setOffline(true);
    await expect.poll(() => board.syncStatus(), poll).toContain('Offline');
    await ws.page.clock.fastForward('01:45:00');
    await expect.poll(() => board.slaState(title), poll).toBe('at_risk');
    await ws.page.clock.fastForward('00:30:00');
    await expect.poll(() => board.slaState(title), poll).toBe('breached');
    const late = /^Breached by (\d+)m$/.exec((await board.slaChip(title).textContent()) ?? '');
    expect(Number(late?.[1])).toBeGreaterThanOrEqual(15);
    expect(await board.syncStatus()).toContain('Offline');
    expect(ws.errors).toEqual([]);
  });

  it('a card says what it waits on since when, and its age, by the workstation’s ticking clock', async () => {
    await alwaysOpen();
    const ws = await e2e.workstation({ fakeClock: true });
    await new SignInPage(ws.page).signIn('frontdesk');
    const board = new BoardPage(ws.page);
    await board.waitReady();
    const title = `Card age ${Math.random().toString(36).slice(2, 8)}`;
    await (await board.newTask()).create({ title, type: 'General task' });
    await board.waitForCard(title);
    expect(await board.cardWaiting(title)).toMatch(/^Waiting on triage since /);
    expect(await board.cardAge(title)).toBe('new');
    await ws.page.clock.fastForward('02:00:00');
    await expect.poll(() => board.cardAge(title), poll).toBe('2 h');
    // A jump (the machine's clock set right, say), not time passing: the card follows at the next tick.
    const now = await ws.page.evaluate(() => Date.now());
    await ws.page.clock.setSystemTime(now + 21 * 3_600_000);
    await expect.poll(() => board.cardAge(title), { ...poll, timeout: 40_000 }).toBe('23 h');
    // Every card says what it waits on and how old it is, whatever its status.
    const cards = await board.cards().count();
    expect(cards).toBeGreaterThan(1);
    expect(await board.cardsWithTimeLines()).toEqual({ waiting: cards, age: cards });
    expect(ws.errors).toEqual([]);
  });

  it('At risk lists breached work first, then the least time left; Exceptions is the managers’ view', async () => {
    await alwaysOpen();
    const manager = await e2e.signedIn('manager');
    await manager.board.openView('at_risk');
    await expect.poll(() => manager.board.slaRows().count(), poll).toBeGreaterThan(1);
    const states = await manager.board.slaRowStates();
    expect(states.every((s) => s === 'breached' || s === 'at_risk')).toBe(true);
    expect(states.indexOf('at_risk') === -1 || states.lastIndexOf('breached') < states.indexOf('at_risk')).toBe(true);

    await manager.board.openView('exceptions');
    await expect.poll(() => manager.board.slaRows().count(), poll).toBeGreaterThan(0);
    for (const reason of ['breached', 'rejected', 'needs_info']) {
      expect(await manager.board.exceptionReason(reason).count(), reason).toBeGreaterThan(0);
    }

    const frontDesk = await e2e.signedIn('frontdesk');
    expect(await frontDesk.board.viewTab('at_risk').count()).toBe(1);
    expect(await frontDesk.board.viewTab('exceptions').count()).toBe(0);
  });
});
