// The server's task cache on SQLite and PostgreSQL: read in chunks (more tasks than one chunk),
// current after a write, and its cut-down tasks give the SLA report and the SLA automation exactly
// what the full stored tasks give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatonServer } from '../app';
import { newTaskDoc, signIn } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { slaDuties } from '../../shared/sla/escalation';
import { slaReport } from '../../shared/sla/report';
import type { Task } from '../../shared/task';
import { PracticeCache } from '../sync/practice';
import { cachedTasks, cachedTasksById } from './task-cache';

const HOUR = 3600_000;

describe.each(['sqlite', 'postgres'] as const)('the task cache on %s', (kind) => {
  let running: InProcessServer;
  let server: BatonServer;
  let base: string;

  beforeAll(async () => {
    // About 1,300 tasks: more than one chunk of 1,000.
    running = await startInProcess(kind, {}, { BATON_DEMO_HISTORY_DAYS: '45', BATON_SLA_AUTOMATION: '0' });
    ({ server, base } = running);
  }, 120_000);
  afterAll(async () => {
    await running?.close();
  });

  it('holds every live task, cut down, and gives the SLA clock what the full tasks give', async () => {
    const stored = await server.storage.listDocs('tasks');
    expect(stored.length).toBeGreaterThan(1000);
    const cached = await cachedTasksById(server.storage);
    expect(cached.map((c) => c.task.id)).toEqual(stored.map((d) => d.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(JSON.stringify(cached)).not.toMatch(/"(patientRef|description|notes|reasonNote|title)"/);

    const practice = await new PracticeCache(server.storage).get();
    const full = new Map(stored.map((d) => [d.id, d.data as Task]));
    // At several instants: warnings, reminders, escalations and the report's rows are the same.
    for (const now of [Date.now(), Date.now() + 5 * HOUR, Date.now() + 50 * HOUR]) {
      for (const { task } of cached) expect(slaDuties(task, practice, now), task.id).toEqual(slaDuties(full.get(task.id)!, practice, now));
      expect(
        slaReport(
          cached.map((c) => c.task),
          practice,
          now,
        ),
      ).toEqual(
        slaReport(
          cached.map((c) => full.get(c.task.id)!),
          practice,
          now,
        ),
      );
    }
  }, 120_000);

  it('follows a write made after an earlier read', async () => {
    const before = (await cachedTasks(server.storage)).size;
    const manager = await signIn(base, 'manager');
    const doc = newTaskDoc({ title: 'Cache check', queue: 'front_desk' });
    const answer = await manager.post('/api/sync/tasks/push', [{ newDocumentState: doc }]);
    expect(answer.status).toBe(200);
    const after = await cachedTasks(server.storage);
    expect(after.size).toBe(before + 1);
    expect(after.get(doc.id)?.task.status).toBe('new');
  });
});
