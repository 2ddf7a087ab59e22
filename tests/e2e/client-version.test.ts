// A server upgraded past this app's release: the workstation says "Update required", keeps what
// it has not uploaded, and uploads it once the server accepts it again (here: the server's minimum
// is lowered, as an updated app would be accepted).
import { describe, expect, it } from 'vitest';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness();
const poll = { timeout: 30_000, interval: 250 };

describe('mixed versions', () => {
  it('shows "Update required" for a server that needs a newer app, losing nothing typed meanwhile', { timeout: 180_000 }, async () => {
    const desk = await e2e.signedIn('frontdesk');
    await e2e.server.stop();
    await expect.poll(() => desk.board.syncStatus(), poll).toContain('Offline');
    const title = `Callback about lab results ${Math.random().toString(36).slice(2, 7)}`;
    await (await desk.board.newTask()).create({ title, type: 'Portal message', patientRef: 'MRN 100512 V.U.' });
    await expect.poll(() => desk.board.pendingCount(), poll).toBeGreaterThanOrEqual(1);

    await e2e.server.restart({ BATON_MIN_CLIENT_VERSION: '99.0.0' });
    await expect.poll(() => desk.board.updateRequiredNotice(), poll).toContain('99.0.0 or newer');
    expect(await desk.board.updateRequiredNotice()).toContain('Update required');
    expect(await desk.board.pendingCount()).toBeGreaterThanOrEqual(1);
    await desk.board.waitForCard(title);

    await e2e.server.restart({ BATON_MIN_CLIENT_VERSION: '' });
    await expect.poll(() => desk.board.pendingCount(), poll).toBe(0);
    await expect.poll(() => desk.board.updateRequiredNotice(), poll).toBe('');
    const other = await e2e.signedIn('frontdesk');
    await other.board.waitForCard(title, 30_000);
  });
});
