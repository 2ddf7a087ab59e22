// Escalation in the browser, with the server's SLA automation on: a task left breached is
// escalated by the server (as the named automation actor) and the manager's workstation is told:
// the bell names the task and the entry opens it; the task carries the escalation and a raised priority.
import { describe, expect, it } from 'vitest';
import { newTaskDoc, signIn as apiSignIn } from '../support/api';
import { ALWAYS_OPEN_HOURS, updateLocation } from './pages/ConfigApi';
import { NotificationBell } from './pages/NotificationBell';
import { useE2eHarness } from './support/harness';

const e2e = useE2eHarness({ env: { BATON_SLA_AUTOMATION: '1' } });
// The automation passes every minute: the escalation can take up to a pass and a half.
const poll = { timeout: 120_000, interval: 500 };

describe('escalation', () => {
  it('a breached task escalates to the manager, whose bell opens it', { timeout: 240_000 }, async () => {
    // Open around the clock: ten hours ago is ten business hours ago on any day the test runs.
    const admin = await apiSignIn(e2e.server.url, 'admin', 'ws-escalation-admin');
    await updateLocation(admin, 'loc-main', { openingHours: ALWAYS_OPEN_HOURS, closures: [], lockAfterMinutes: 1440 });

    // Filed ten hours ago (a workstation that was offline) as a reschedule: 4 h to resolve, managers
    // told 4 h after the breach; nobody touched it since.
    const frontdesk = await apiSignIn(e2e.server.url, 'frontdesk', 'ws-escalation-desk');
    const filedAt = new Date(Date.now() - 10 * 3600_000).toISOString();
    const title = `Reschedule the MRI ${Math.random().toString(36).slice(2, 8)}`;
    const task = newTaskDoc({
      title,
      typeId: 'appointment_reschedule',
      priority: 'normal',
      createdAt: filedAt,
      updatedAt: filedAt,
      dueAt: new Date(Date.now() - 6 * 3600_000).toISOString(),
    });
    const pushed = await frontdesk.post('/api/sync/tasks/push', [{ newDocumentState: task }]);
    expect(pushed.status).toBe(200);

    const manager = await e2e.signedIn('manager');
    const bell = new NotificationBell(manager.ws.page);
    await bell.open();
    await expect.poll(() => bell.entry(title).count(), poll).toBe(1);
    expect(await bell.entry(title).textContent()).toContain('Escalated to you');
    await bell.entry(title).click();
    await manager.board.drawer.waitOpen();
    expect(await manager.board.drawer.root().getAttribute('data-task-id')).toBe(task.id);

    // On the server: escalated by the automation to the managers' level, priority raised.
    const { documents } = await frontdesk.pullAll('tasks', 1000);
    const escalated = documents.find((d) => d.id === task.id);
    expect(escalated.history.map((h: { action?: string }) => h.action)).toContain('escalate_2');
    expect(escalated.priority).not.toBe('normal');
    expect(manager.ws.errors).toEqual([]);
  });
});
