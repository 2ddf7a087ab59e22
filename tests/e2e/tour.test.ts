// The first-run tour in the browser: shown at a person's first sign-in on a workstation, fitted to
// their role, skippable, never again for them here; keys pressed in it stay in it.
import { describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage';
import { SignInPage } from './pages/SignInPage';
import { TourPage } from './pages/TourPage';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();

describe('the first-run tour', () => {
  it('walks a front desk through the statuses and keys once, and not again at their next sign-in', { timeout: 120_000 }, async () => {
    const ws = await e2e.workstation();
    const signIn = new SignInPage(ws.page);
    await signIn.signIn('frontdesk', undefined, { tour: true });
    const tour = new TourPage(ws.page);
    await tour.root().waitFor({ timeout: 30_000 });
    expect(await tour.title()).toBe('Welcome to Baton, Maria Lopez');

    // A board shortcut typed while the tour is open does nothing behind it.
    const board = new BoardPage(ws.page);
    await board.press('n');
    expect(await board.intake.root().count()).toBe(0);

    await tour.next();
    const statuses = await tour.statuses();
    expect(statuses).toContain('Waiting: What it waited on arrived: the owner resumes it.');
    expect(statuses.some((s) => s.startsWith('New (triage): '))).toBe(true);
    await tour.next();
    expect(await tour.keys()).toEqual(expect.arrayContaining(['n', 'w', '?', 'Ctrl/⌘ L']));
    await tour.next();
    await tour.root().waitFor({ state: 'detached' });
    await board.waitReady();

    await board.signOut();
    await signIn.signIn('frontdesk', undefined, { tour: true });
    await board.waitReady();
    expect(await tour.root().count()).toBe(0);
    expect(ws.errors).toEqual([]);
  });

  it('shows a clinician the approval window’s keys; Esc skips it for good', { timeout: 120_000 }, async () => {
    const ws = await e2e.workstation();
    const signIn = new SignInPage(ws.page);
    await signIn.signIn('clinician', undefined, { tour: true });
    const tour = new TourPage(ws.page);
    await tour.root().waitFor({ timeout: 30_000 });
    await tour.next();
    expect((await tour.statuses()).map((s) => s.split(':')[0])).toEqual([
      'Needs review',
      'In review',
      'Approved',
      'Rejected',
      'Needs info',
    ]);
    await tour.next();
    expect(await tour.keys()).toEqual(expect.arrayContaining(['a', 'r', 'i', 'Ctrl/⌘ L']));

    await ws.page.keyboard.press('Escape');
    await tour.root().waitFor({ state: 'detached' });
    await ws.page.reload();
    const board = new BoardPage(ws.page);
    await board.waitReady();
    expect(await tour.root().count()).toBe(0);
  });
});
