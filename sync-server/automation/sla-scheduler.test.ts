// The SLA automation against real servers with an injected clock: warnings and escalations
// happen once per key and level, not again after a restart, and not twice with two server
// instances on one PostgreSQL database; the scheduler wakes for the next threshold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTOMATION_ACTOR_ID } from '../../shared/sla/escalation';
import type { Task } from '../../shared/task';
import { signIn } from '../../tests/support/api';
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
import { startSlaScheduler, type SchedulerClock } from './sla-scheduler';

const HOUR = 3600_000;
afterEach(cleanUpAutomationTests);

/** A server with the automation off (the test drives the passes), and its sync context. */
const start = startAutomationServer;

async function storedTask(sync: SyncContext, id: string): Promise<Task> {
  return (await sync.storage.getDoc('tasks', id))!.data as Task;
}
const escalations = (task: Task) => task.history.filter((e) => e.action?.startsWith('escalate_')).map((e) => [e.action, e.actorId]);

describe('SLA automation', () => {
  it('warns at 75 %, escalates on breach and to managers when late by 4 hours, each once, and not again after a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-sla-'));
    const first = await start({ BATON_DATA_DIR: dataDir });
    await updateLocation(await signIn(first.base, 'admin'), 'loc-main', { openingHours: ALWAYS_OPEN_HOURS, closures: [] });
    const frontDesk = await signIn(first.base, 'frontdesk');
    const { id, t0 } = await fileStartedTask(frontDesk);
    const pass = async (sync: SyncContext, at: number) => runSlaPass(sync, at);

    const mine = async () =>
      (await first.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter(
        (a) => a.docId === id && a.actorId === AUTOMATION_ACTOR_ID,
      );
    await pass(first.sync, t0 + HOUR);
    expect(await mine()).toEqual([]);
    await pass(first.sync, t0 + 6.5 * HOUR);
    expect((await mine()).map((a) => a.action)).toEqual(['sla_warning']);
    await pass(first.sync, t0 + 6.6 * HOUR);
    expect((await mine()).map((a) => a.action)).toEqual(['sla_warning']);

    await pass(first.sync, t0 + 9 * HOUR);
    let task = await storedTask(first.sync, id);
    expect(escalations(task)).toEqual([['escalate_1', AUTOMATION_ACTOR_ID]]);
    expect(task.priority).toBe('high');
    expect((await mine()).map((a) => a.action).sort()).toEqual(['sla_reminder', 'sla_warning', 'update']);
    await pass(first.sync, t0 + 9.5 * HOUR);
    expect(escalations(await storedTask(first.sync, id))).toHaveLength(1);

    await pass(first.sync, t0 + 12.5 * HOUR);
    task = await storedTask(first.sync, id);
    expect(escalations(task).map(([a]) => a)).toEqual(['escalate_1', 'escalate_2']);
    expect(task.priority).toBe('urgent');

    // A restart on the same data: the levels are done, the warning and reminder were sent.
    const before = (await mine()).length;
    await stopAutomationServers();
    const second = await start({ BATON_DATA_DIR: dataDir });
    expect(await pass(second.sync, t0 + 13 * HOUR)).toMatchObject({ escalations: 0 });
    expect(escalations(await storedTask(second.sync, id))).toHaveLength(2);
    expect(
      (await second.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter(
        (a) => a.docId === id && a.actorId === AUTOMATION_ACTOR_ID,
      ),
    ).toHaveLength(before);
  });

  it('two server instances on one PostgreSQL database escalate each level once', async () => {
    const { BATON_DATABASE_URL: url } = await automationEnv('postgres');
    // Instances on one database share their secrets (they refuse to start otherwise): one folder.
    const BATON_SECRETS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-sla-secrets-'));
    const a = await start({
      BATON_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'baton-sla-a-')),
      BATON_DATABASE_URL: url,
      BATON_SECRETS_DIR,
    });
    const b = await start({
      BATON_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'baton-sla-b-')),
      BATON_DATABASE_URL: url,
      BATON_SECRETS_DIR,
    });
    await updateLocation(await signIn(a.base, 'admin'), 'loc-main', { openingHours: ALWAYS_OPEN_HOURS, closures: [] });
    const { id, t0 } = await fileStartedTask(await signIn(b.base, 'frontdesk'));

    for (const at of [t0 + 9 * HOUR, t0 + 9 * HOUR, t0 + 12.5 * HOUR, t0 + 12.5 * HOUR]) {
      await Promise.all([runSlaPass(a.sync, at), runSlaPass(b.sync, at)]);
    }
    expect(escalations(await storedTask(a.sync, id)).map(([l]) => l)).toEqual(['escalate_1', 'escalate_2']);
    // Every task of the demo practice too: no level twice.
    for (const doc of await a.server.storage.listDocs('tasks')) {
      const levels = escalations(doc.data as Task).map(([l]) => l);
      expect(new Set(levels).size, doc.id).toBe(levels.length);
    }
    const warnings = (await a.server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter((e) => e.action === 'sla_warning');
    expect(new Set(warnings.map((w) => `${w.docId}:${JSON.stringify(w.after)}`)).size).toBe(warnings.length);
  });

  it('the scheduler passes first within 10 s, then every minute, and wakes for a threshold before that', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-sla-clock-'));
    const { sync, base } = await start({ BATON_DATA_DIR: dataDir });
    await updateLocation(await signIn(base, 'admin'), 'loc-main', { openingHours: ALWAYS_OPEN_HOURS, closures: [] });
    const { id, t0 } = await fileStartedTask(await signIn(base, 'frontdesk'));

    const timers: { fn: () => void; ms: number }[] = [];
    let now = t0 + 6 * HOUR - 20_000; // 20 s before the 75 % warning
    const clock: SchedulerClock = { now: () => now, setTimeout: (fn, ms) => timers.push({ fn, ms }) - 1, clearTimeout: () => undefined };
    const passes: number[] = [];
    let passed: () => void = () => undefined;
    const errors: unknown[] = [];
    const scheduler = startSlaScheduler(sync, {
      clock,
      onPass: (r) => {
        passes.push(r.warnings);
        passed();
      },
      onError: (e) => {
        errors.push(e);
        passed();
      },
    });
    const runNext = () =>
      new Promise<void>((resolve) => {
        passed = resolve;
        timers.at(-1)!.fn();
      });

    expect(timers[0].ms).toBeLessThanOrEqual(10_000);
    await runNext();
    await expect.poll(() => timers.length).toBe(2);
    expect(errors).toEqual([]);
    // The warning for this task is due in 20 s: the next pass comes then, not in a minute.
    expect(timers[1].ms).toBeGreaterThan(19_000);
    expect(timers[1].ms).toBeLessThanOrEqual(21_000);
    now += timers[1].ms;
    await runNext();
    await expect.poll(() => timers.length).toBe(3);
    expect(timers[2].ms).toBeLessThanOrEqual(60_000);
    await scheduler.stop();
    const audit = (await sync.storage.readAudit({ afterId: 0, limit: 100_000 })).filter(
      (a) => a.docId === id && a.action === 'sla_warning',
    );
    expect(audit).toHaveLength(1);
  });
});
