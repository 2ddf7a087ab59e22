// Issue 2, end to end: two workstations in Chromium against the real sync server process.
import { describe, expect, it } from 'vitest';
import { BoardPage } from './pages/BoardPage';
import { useE2eHarness } from './support/harness';

const SYNC_TIMEOUT = 20_000;
const poll = { timeout: SYNC_TIMEOUT, interval: 200 };

const e2e = useE2eHarness();
const signedIn = (username: string) => e2e.signedIn(username);

const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

describe('the offline-first sync loop in the browser', () => {
  it('shows a task created on one workstation on another without a reload, and an edit back', async () => {
    // Both read the front desk's queue: the front desk works it, the manager reads every queue.
    const a = await signedIn('frontdesk');
    const b = await signedIn('manager');

    const title = unique('Fax referral packet');
    const intake = await a.board.newTask();
    await intake.create({
      title,
      type: 'Records request',
      priority: 'High',
      patientRef: 'MRN 100999 K.T.',
      description: 'Specialist asks for the referral packet',
    });
    await a.board.waitForCard(title, 5_000);

    await b.board.waitForCard(title, SYNC_TIMEOUT);
    const edited = `${title} (sent)`;
    const drawer = await b.board.openTask(title);
    await drawer.setTitle(edited);
    await drawer.move('start', 'In progress');
    await drawer.addNote('Faxed to cardiology, awaiting confirmation');

    await a.board.waitForCard(edited, SYNC_TIMEOUT);
    await expect.poll(() => a.board.inColumn('in_progress', edited).count(), poll).toBe(1);
    const onA = await a.board.openTask(edited);
    await expect.poll(() => onA.notes().filter({ hasText: 'Faxed to cardiology' }).count(), poll).toBe(1);
    // The history is written by the server: B's edit shows with its author.
    await expect.poll(() => onA.historyEntries().filter({ hasText: 'Kim Novak' }).count(), poll).toBeGreaterThanOrEqual(1);
    await expect.poll(() => onA.historyEntries().filter({ hasText: 'Maria Lopez' }).count(), poll).toBeGreaterThanOrEqual(1);
    // Where each change was made, as people say it: A's own here, B's (an unenrolled browser) another; never an id.
    expect(await onA.historyEntries().filter({ hasText: 'Maria Lopez' }).last().textContent()).toContain('this workstation');
    expect(await onA.historyEntries().filter({ hasText: 'Kim Novak' }).first().textContent()).toContain('another workstation');
    expect((await onA.historyEntries().allTextContents()).join('\n')).not.toMatch(/workstation [0-9a-f]{8}/);

    expect(a.ws.errors).toEqual([]);
    expect(b.ws.errors).toEqual([]);
  });

  it('keeps working offline, survives a reload without the server, and converges when back online', async () => {
    const a = await signedIn('frontdesk');
    const b = await signedIn('manager');
    await a.board.waitForOfflineShell();

    // A task both know, to edit while A is offline.
    const shared = unique('Records request from Dr. Osei');
    await (
      await a.board.newTask()
    ).create({ title: shared, type: 'Records request', patientRef: 'MRN 100322 P.Q.', description: 'Specialist asks for notes' });
    await b.board.waitForCard(shared, SYNC_TIMEOUT);
    // Started while online: the server judges each upload as one move from its own status, so
    // two moves made offline in a row (start, then wait) would upload as one it refuses.
    await (await a.board.openTask(shared)).move('start', 'In progress');
    await a.board.drawer.close();
    await expect.poll(() => a.board.pendingCount(), poll).toBe(0);

    await a.ws.context.setOffline(true);
    await expect.poll(() => a.board.syncStatus(), poll).toContain('Offline');

    const createdOffline = unique('Walk-in asks to reschedule');
    await (await a.board.newTask()).create({ title: createdOffline, type: 'Appointment reschedule', patientRef: 'MRN 100321 P.Q.' });
    const editedShared = `${shared} — called office`;
    const drawer = await a.board.openTask(shared);
    await drawer.setTitle(editedShared);
    await drawer.move('wait', 'Waiting', { waitingOn: 'Provider', reasonCode: 'Waiting on provider' });
    await drawer.close();
    await expect.poll(() => a.board.pendingCount(), poll).toBe(2);
    // B sees nothing of it yet.
    expect(await b.board.card(createdOffline).count()).toBe(0);

    // A reload during the outage reopens the board from the local replica.
    await a.ws.page.reload();
    const reloaded = new BoardPage(a.ws.page);
    await reloaded.waitReady();
    await reloaded.waitForCard(createdOffline, 10_000);
    await reloaded.waitForCard(editedShared, 10_000);
    expect(await reloaded.syncStatus()).toContain('Offline');
    expect(await reloaded.pendingCount()).toBe(2);

    await a.ws.context.setOffline(false);
    await expect.poll(() => reloaded.syncStatus(), poll).toContain('Online');
    await expect.poll(() => reloaded.pendingCount(), poll).toBe(0);

    await b.board.waitForCard(createdOffline, SYNC_TIMEOUT);
    await b.board.waitForCard(editedShared, SYNC_TIMEOUT);
    await expect.poll(() => b.board.inColumn('waiting', editedShared).count(), poll).toBe(1);
    expect(await b.board.card(shared).count()).toBe(0);
    // Converged: both boards show the same for these tasks.
    for (const board of [reloaded, b.board]) {
      expect(await board.inColumn('new', createdOffline).count()).toBe(1);
    }
    expect(a.ws.errors).toEqual([]);
  });

  it('shows the connection and the number of changes waiting to upload', async () => {
    const a = await signedIn('frontdesk');
    expect(await a.board.syncStatus()).toContain('Online');
    expect(await a.board.pendingCount()).toBe(0);

    await a.ws.context.setOffline(true);
    await expect.poll(() => a.board.syncStatus(), poll).toContain('Offline');
    expect(await a.board.syncStatus()).not.toContain('Online');

    const first = unique('Patient portal message');
    await (await a.board.newTask()).create({ title: first, type: 'Portal message', patientRef: 'MRN 100400 A.A.' });
    await expect.poll(() => a.board.pendingCount(), poll).toBe(1);
    const second = unique('Missing insurance card');
    await (
      await a.board.newTask()
    ).create({ title: second, type: 'Missing paperwork', patientRef: 'MRN 100401 B.B.', description: 'Insurance card' });
    await expect.poll(() => a.board.pendingCount(), poll).toBe(2);
    // A second edit of a task that already waits is still one change to upload.
    const drawer = await a.board.openTask(first);
    await drawer.accept();
    await drawer.close();
    expect(await a.board.pendingCount()).toBe(2);
    expect(await a.board.cardPending(first).count()).toBe(1);

    await a.ws.context.setOffline(false);
    await expect.poll(() => a.board.syncStatus(), poll).toContain('Online');
    await expect.poll(() => a.board.pendingCount(), poll).toBe(0);
    expect(await a.board.cardPending(first).count()).toBe(0);
  });
});
