// Notifications in the browser: assigning a task on one workstation shows a notification on the
// owner's (the bell's count goes up, the list names the task, and its entry opens the task), and
// the list works offline from the replica.
import { describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../support/api';
import { NotificationBell } from './pages/NotificationBell';
import { useE2eHarness } from './support/harness';

const poll = { timeout: 30_000, interval: 200 };
const e2e = useE2eHarness();

describe('notifications', () => {
  it("assigning a task on one workstation shows on the owner's: bell count, list entry that opens the task", async () => {
    const owner = await e2e.signedIn('referrals');
    const bell = new NotificationBell(owner.ws.page);
    // The demo seeds a few unread notifications for each demo user.
    await expect.poll(() => bell.unreadCount(), poll).toBeGreaterThan(0);
    const before = await bell.unreadCount();

    const manager = await e2e.signedIn('manager');
    const title = `Referral to cardiology ${Math.random().toString(36).slice(2, 8)}`;
    const form = await manager.board.newTask();
    await form.create({
      title,
      type: 'Outbound referral',
      channel: 'Phone',
      patientRef: 'MRN 100234 J.D.',
      provider: 'Dr. Alex Chen',
      description: 'Referral to cardiology',
    });
    await manager.board.openView('triage');
    const drawer = await manager.board.openTask(title);
    await expect.poll(() => drawer.routeText(), poll).toBe('Routes to Priya Shah · Referrals');
    await drawer.accept();
    const taskId = await drawer.root().getAttribute('data-task-id');
    await expect.poll(() => manager.board.pendingCount(), poll).toBe(0);

    // The owner's bell counts it without a reload; the list shows the task's title from the replica.
    await expect.poll(() => bell.unreadCount(), poll).toBe(before + 1);
    await bell.open();
    await expect.poll(() => bell.entry(title).count(), poll).toBe(1);
    expect((await bell.entries())[0]).toContain(title);
    expect(await bell.entry(title).getAttribute('data-unread')).toBe('true');
    expect(await bell.entry(title).textContent()).toContain('Assigned to you');

    await bell.entry(title).click();
    await owner.board.drawer.waitOpen();
    expect(await owner.board.drawer.root().getAttribute('data-task-id')).toBe(taskId);
    await expect.poll(() => bell.unreadCount(), poll).toBe(before);
    // Marked read on the server too (the push of readAt went through).
    await expect.poll(() => owner.board.pendingCount(), poll).toBe(0);
    const api = await apiSignIn(e2e.server.url, 'referrals', 'ws-notify-check');
    const onServer = (await api.pullAll('notifications', 1000)).documents.filter((n) => n.taskId === taskId);
    expect(onServer.map((n) => [n.kind, n.readAt !== ''])).toEqual([['assigned', true]]);
    await owner.board.drawer.close();

    // Offline, from the replica: the list is there and marking all read works.
    await owner.ws.context.setOffline(true);
    await expect.poll(() => owner.board.syncStatus(), poll).toContain('Offline');
    await bell.open();
    await bell.markAllRead();
    await expect.poll(() => bell.unreadCount(), poll).toBe(0);
    expect(await bell.entry(title).count()).toBe(1);
    await owner.ws.context.setOffline(false);
    await expect.poll(() => owner.board.pendingCount(), poll).toBe(0);
    expect(owner.ws.errors).toEqual([]);
    expect(manager.ws.errors).toEqual([]);
  });
});
