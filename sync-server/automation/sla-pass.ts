// One pass of the SLA automation over every open task: warnings and idle reminders (audited once
// per key), and escalations as ordinary task writes by the named system actor. Each action claims
// a once-key inside its own transaction, so it happens once per level or key: across restarts, and
// with several server instances on one PostgreSQL database. Nothing here logs or audits PHI.
import type { PracticeConfig } from '../../shared/config/practice';
import {
  AUTOMATION_ACTOR_ID,
  AUTOMATION_ACTOR_NAME,
  ESCALATION_ACTION_PREFIX,
  escalatedTask,
  escalationLead,
  escalationLevel,
  reminderTarget,
  slaDuties,
} from '../../shared/sla/escalation';
import type { Task } from '../../shared/task';
import type { Actor } from '../auth/actor';
import type { SyncContext } from '../sync/context';
import { pushRows, storeNotifications } from '../sync/push';
import { notificationsOf } from '../../shared/notifications/create';
import type { Person } from '../../shared/notifications/recipients';
import type { ChangeNotice } from '../storage/types';
import { writerOf } from '../sync/writer';
import { runDigestPass } from './digest-pass';
import { tasksHandler } from '../sync/tasks';
import { cachedTasksById } from '../reports/task-cache';

export interface PassResult {
  escalations: number;
  warnings: number;
  reminders: number;
  /** Daily digests created (see digest-pass.ts). */
  digests: number;
  /** When the next duty falls due (Infinity: none known). */
  nextAt: number;
}

const actorFor = (locationId: string): Actor => ({
  userId: AUTOMATION_ACTOR_ID,
  username: AUTOMATION_ACTOR_ID,
  displayName: AUTOMATION_ACTOR_NAME,
  roles: [],
  locationIds: [locationId],
  workstationId: 'server',
  sessionId: AUTOMATION_ACTOR_ID,
  system: true,
});

/** Escalates `task` to `level` unless, in the write's transaction, it no longer needs it or already was. */
async function escalate(sync: SyncContext, practice: PracticeConfig, task: Task, level: number, now: number): Promise<boolean> {
  const at = new Date(now).toISOString();
  const next = { ...escalatedTask(task, level, practice, now), updatedAt: at, pendingSync: true, _deleted: false };
  let claimed = false;
  await pushRows(
    sync,
    tasksHandler,
    actorFor(task.locationId),
    [{ assumedMasterState: { ...task, _deleted: false }, newDocumentState: next }],
    {
      claim: async (tx, current) => {
        if (!current || current.deleted) return false;
        const fresh = current.data as Task;
        const duties = slaDuties(fresh, practice, now);
        if (!duties || duties.escalateTo < level || escalationLevel(fresh) >= level) return false;
        claimed = await tx.claimOnce(`escalate:${task.id}:${level}`, at);
        return claimed;
      },
      action: `${ESCALATION_ACTION_PREFIX}${level}`,
      // Level 1 names who it went to: the lead, or their coverer while the lead is out (a user id, no PHI).
      reason:
        level === 1
          ? `SLA escalation to the queue lead (${escalationLead(task.queue, now, practice) || 'none'})`
          : 'SLA escalation to the managers',
    },
  );
  return claimed;
}

/** The people the automation may notify (read once per pass). */
async function peopleOf(sync: SyncContext): Promise<Person[]> {
  return (await sync.storage.listUsers()).map((u) => ({ id: u.id, roles: u.roles, locationIds: u.locationIds, active: u.active }));
}

/**
 * Records a warning or reminder once: an audit entry naming the task, its owner and who it goes
 * to (`to`: the owner, or their coverer while the owner is out), no PHI, and, in the same
 * transaction, a `reminder` notification to that person.
 */
async function notifyOnce(
  sync: SyncContext,
  ctx: { practice: PracticeConfig; people: Person[] },
  task: Pick<Task, 'id' | 'ownerId' | 'locationId'>,
  key: string,
  kind: 'sla_warning' | 'sla_reminder',
  detail: Record<string, unknown>,
  now: number,
): Promise<boolean> {
  const at = new Date(now).toISOString();
  const notices: ChangeNotice[] = [];
  const actor = actorFor(task.locationId);
  const to = reminderTarget(task.ownerId, now, ctx.practice);
  const done = await sync.storage.write(async (tx) => {
    if (!(await tx.claimOnce(key, at))) return false;
    await tx.appendAudit({
      at,
      actorId: AUTOMATION_ACTOR_ID,
      workstationId: 'server',
      action: kind,
      collection: 'tasks',
      docId: task.id,
      before: null,
      after: { ownerId: task.ownerId, to, ...detail },
      reason: key.split(':')[0],
    });
    const reminders = notificationsOf(
      [{ kind: 'reminder', taskId: task.id, personId: to }],
      AUTOMATION_ACTOR_ID,
      ctx.people,
      ctx.practice,
      at,
    );
    await storeNotifications(tx, actor, ctx.practice, reminders, notices, writerOf(actor));
    return true;
  });
  for (const notice of notices) await sync.storage.publish(notice);
  return done;
}

export async function runSlaPass(sync: SyncContext, now: number): Promise<PassResult> {
  const practice = await sync.practice.get();
  const result: PassResult = { escalations: 0, warnings: 0, reminders: 0, digests: 0, nextAt: Infinity };
  const ctx = { practice, people: await peopleOf(sync) };
  // From the server's task cache (cut down, current as of now): only a task that needs an action is read in full.
  for (const { task } of await cachedTasksById(sync.storage)) {
    const duties = slaDuties(task, practice, now);
    if (!duties) continue;
    result.nextAt = Math.min(result.nextAt, duties.nextAt);
    for (const key of duties.warnings) {
      if (await notifyOnce(sync, ctx, task, key, 'sla_warning', { clock: duties.sla.clock, dueAt: duties.sla.dueAt }, now))
        result.warnings++;
    }
    if (
      duties.reminder &&
      (await notifyOnce(sync, ctx, task, duties.reminder, 'sla_reminder', { idleSeconds: duties.sla.idleSeconds }, now))
    )
      result.reminders++;
    // One level at a time, each from the stored state after the one before.
    for (let level = escalationLevel(task) + 1; level <= duties.escalateTo; level++) {
      const current = await sync.storage.getDoc('tasks', task.id);
      if (!current || current.deleted) break;
      if (await escalate(sync, practice, current.data as Task, level, now)) result.escalations++;
    }
  }
  // The digests after the escalations: they count the day's state once the automation has acted.
  const digest = await runDigestPass(sync, now);
  result.digests = digest.digests;
  result.nextAt = Math.min(result.nextAt, digest.nextAt);
  return result;
}
