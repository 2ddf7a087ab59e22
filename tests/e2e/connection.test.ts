// The connection state: quiet while the workstation is online with nothing to upload, a banner
// with the upload count while it is offline (issue 15, item 6).
import { describe, expect, it } from 'vitest';
import { useE2eHarness } from './support/harness';

const poll = { timeout: 20_000, interval: 200 };
const e2e = useE2eHarness();

describe('the connection state', () => {
  it('is quiet online, a banner with what waits to upload offline, quiet again once uploaded', async () => {
    const desk = await e2e.signedIn('frontdesk');
    const { board } = desk;
    expect(await board.offlineBanner()).toBe('');
    expect(await board.syncIndicatorSpeaks()).toBe(false);

    await desk.ws.context.setOffline(true);
    await expect.poll(() => board.offlineBanner(), poll).toContain('Offline');
    expect(await board.offlineBanner()).toContain('Nothing is waiting to upload');
    expect(await board.syncIndicatorSpeaks()).toBe(true);

    const title = `Call back about a refill ${Math.random().toString(36).slice(2, 8)}`;
    await (await board.newTask()).create({ title, type: 'General task' });
    await board.waitForCard(title);
    await expect.poll(() => board.offlineBanner(), poll).toContain('1 change waits to upload');
    expect(await board.pendingCount()).toBe(1);

    await desk.ws.context.setOffline(false);
    await expect.poll(() => board.offlineBanner(), poll).toBe('');
    await expect.poll(() => board.pendingCount(), poll).toBe(0);
    await expect.poll(() => board.syncIndicatorSpeaks(), poll).toBe(false);
    expect(desk.ws.errors).toEqual([]);
  });
});
