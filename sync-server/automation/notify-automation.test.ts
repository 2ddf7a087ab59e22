// The automation's notifications against real servers on both databases, with an injected clock:
// an SLA warning or idle reminder tells the owner, an escalation tells the queue's lead (level 1)
// and the location's managers (level 2), and the daily digest comes once per person per local day,
// not again after a restart. None of them holds PHI.
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../shared/notifications/schema';
import { signIn, type Api } from '../../tests/support/api';
import { ALWAYS_OPEN_HOURS, updateLocation } from '../../tests/e2e/pages/ConfigApi';
import type { SyncContext } from '../sync/context';
import {
  automationEnv,
  cleanUpAutomationTests,
  fileStartedTask,
  startAutomationServer,
  stopAutomationServers,
} from '../../tests/support/automation-server';
import { runSlaPass } from './sla-pass';

const HOUR = 3600_000;
afterEach(cleanUpAutomationTests);
const start = startAutomationServer;
const dataFor = automationEnv;

const notes = async (sync: SyncContext): Promise<Notification[]> =>
  (await sync.storage.listDocs('notifications')).map((d) => d.data as Notification);

describe.each(['sqlite', 'postgres'] as const)('automation notifications on %s', (kind) => {
  it('a warning and a reminder tell the owner, escalation the lead then the managers, each once', async () => {
    const { sync, base } = await start(await dataFor(kind));
    await updateLocation(await signIn(base, 'admin'), 'loc-main', { openingHours: ALWAYS_OPEN_HOURS, closures: [] });
    const frontDesk: Api = await signIn(base, 'frontdesk');
    const { id, t0 } = await fileStartedTask(frontDesk, { title: 'Call Jane Roe back', patientRef: 'MRN 5550 J.R.' });
    const about = async () =>
      (await notes(sync))
        .filter((n) => n.taskId === id)
        .map((n) => `${n.kind}:${n.userId}`)
        .sort();

    await runSlaPass(sync, t0 + 6.5 * HOUR);
    expect(await about()).toEqual(['reminder:u-frontdesk']);
    await runSlaPass(sync, t0 + 6.6 * HOUR);
    expect(await about()).toEqual(['reminder:u-frontdesk']);
    // Breach: level 1 to the front desk queue's lead (the demo's is u-frontdesk), plus the idle reminder.
    await runSlaPass(sync, t0 + 9 * HOUR);
    expect(await about()).toEqual(['escalated:u-frontdesk', 'reminder:u-frontdesk', 'reminder:u-frontdesk']);
    await runSlaPass(sync, t0 + 12.5 * HOUR);
    expect(await about()).toEqual(['escalated:u-frontdesk', 'escalated:u-manager', 'reminder:u-frontdesk', 'reminder:u-frontdesk']);
    await runSlaPass(sync, t0 + 13 * HOUR);
    expect(await about()).toHaveLength(4);
    const text = JSON.stringify(await notes(sync));
    for (const phi of ['Jane', 'MRN 5550', 'Call ']) expect(text).not.toContain(phi);
    // The manager pulls their escalation; the front desk never sees it.
    const managerNotes = (await (await signIn(base, 'manager')).pullAll('notifications', 1000)).documents.filter((n) => n.taskId === id);
    expect(managerNotes.map((n) => n.kind)).toEqual(['escalated']);
    expect((await frontDesk.pullAll('notifications', 1000)).documents.every((n) => n.userId === 'u-frontdesk')).toBe(true);
  });

  it('the daily digest: once per person per local day, counts only, not again after a restart', async () => {
    const env = await dataFor(kind);
    const first = await start(env);
    // Open 08:00-17:00 every day in Chicago.
    const hours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '08:00', close: '17:00' }));
    await updateLocation(await signIn(first.base, 'admin'), 'loc-main', { timeZone: 'America/Chicago', openingHours: hours, closures: [] });
    // 08:00 in Chicago on a day after tomorrow (no digest of it can exist yet), CST or CDT.
    const dayStart = Date.parse(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) + 'T08:00:00-06:00');
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', timeZoneName: 'shortOffset' })
      .formatToParts(dayStart)
      .find((p) => p.type === 'timeZoneName')!.value;
    const opens = offset === 'GMT-5' ? dayStart - HOUR : dayStart; // daylight saving time: 08:00 CDT
    const digests = async (sync: SyncContext) => (await notes(sync)).filter((n) => n.kind === 'digest');

    expect((await runSlaPass(first.sync, opens - 60_000)).digests).toBe(0);
    expect(await digests(first.sync)).toEqual([]);
    const pass = await runSlaPass(first.sync, opens);
    expect(pass.digests).toBeGreaterThan(0);
    const sent = await digests(first.sync);
    expect(new Set(sent.map((d) => d.userId)).size).toBe(sent.length);
    expect(sent.map((d) => d.userId)).not.toContain('u-admin');
    for (const d of sent) {
      expect(d).toMatchObject({ taskId: '', readAt: '', createdAt: new Date(opens).toISOString() });
      expect(d.counts.overdue + d.counts.atRisk + d.counts.waiting).toBeGreaterThan(0);
    }
    expect((await runSlaPass(first.sync, opens + HOUR)).digests).toBe(0);

    // A restart on the same data, later that day: nothing again. The next day: again.
    await stopAutomationServers();
    const second = await start(env);
    expect((await runSlaPass(second.sync, opens + 3 * HOUR)).digests).toBe(0);
    expect(await digests(second.sync)).toHaveLength(sent.length);
    expect((await runSlaPass(second.sync, opens + 24 * HOUR + 2 * HOUR)).digests).toBe(sent.length);
    // Each person pulls their own only.
    const frontDesk = await signIn(second.base, 'frontdesk');
    const theirs = (await frontDesk.pullAll('notifications', 1000)).documents.filter((n) => n.kind === 'digest');
    expect(theirs.length).toBe(2);
    expect(theirs.every((n) => n.userId === 'u-frontdesk')).toBe(true);
  });
});
