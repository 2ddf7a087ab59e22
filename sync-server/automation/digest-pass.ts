// The daily digest: once per person per local day (a once-key, so also across a restart and with
// several instances), at or after their location's first opening that day. A person with nothing
// overdue, at risk or waiting gets no digest that day (the key is still spent).
import { newNotification } from '../../shared/notifications/create';
import { digestCounts, digestDue } from '../../shared/notifications/digest';
import { AUTOMATION_ACTOR_ID, AUTOMATION_ACTOR_NAME } from '../../shared/sla/escalation';
import type { Task } from '../../shared/task';
import type { Actor } from '../auth/actor';
import type { ChangeNotice } from '../storage/types';
import type { SyncContext } from '../sync/context';
import { storeNotifications } from '../sync/push';
import { writerOf } from '../sync/writer';

export interface DigestResult {
  digests: number;
  /** When the next digest of anyone falls due (Infinity: none). */
  nextAt: number;
}

const automation: Actor = {
  userId: AUTOMATION_ACTOR_ID,
  username: AUTOMATION_ACTOR_ID,
  displayName: AUTOMATION_ACTOR_NAME,
  roles: [],
  locationIds: [],
  workstationId: 'server',
  sessionId: AUTOMATION_ACTOR_ID,
  system: true,
};

/** Keys this process saw spent: the pass runs every minute and need not ask the database again. */
const spent = new WeakMap<SyncContext['storage'], Set<string>>();

/** Open tasks by owner, read once per pass and only when a digest is due. */
async function tasksByOwner(sync: SyncContext): Promise<Map<string, Task[]>> {
  const owned = new Map<string, Task[]>();
  for (const doc of await sync.storage.listDocs('tasks')) {
    const task = doc.data as Task;
    if (task.ownerId) owned.set(task.ownerId, [...(owned.get(task.ownerId) ?? []), task]);
  }
  return owned;
}

export async function runDigestPass(sync: SyncContext, now: number): Promise<DigestResult> {
  const practice = await sync.practice.get();
  const result: DigestResult = { digests: 0, nextAt: Infinity };
  const known = spent.get(sync.storage) ?? new Set<string>();
  spent.set(sync.storage, known);
  let owned: Map<string, Task[]> | undefined;
  for (const user of await sync.storage.listUsers()) {
    // Admins hold no tasks (minimum necessary); a person without a location has no day.
    const locationId = user.locationIds.find((id) => practice.locations.has(id));
    if (!user.active || !locationId || user.roles.every((r) => r === 'admin')) continue;
    const due = digestDue(user.id, locationId, practice, now);
    result.nextAt = Math.min(result.nextAt, due.nextAt);
    if (!due.key || known.has(due.key)) continue;
    const at = new Date(now).toISOString();
    owned ??= await tasksByOwner(sync);
    const counts = digestCounts(owned.get(user.id) ?? [], practice, now);
    const notices: ChangeNotice[] = [];
    const sent = await sync.storage.write(async (tx) => {
      if (!(await tx.claimOnce(due.key, at))) return false;
      if (counts.overdue + counts.atRisk + counts.waiting === 0) return false;
      await storeNotifications(
        tx,
        automation,
        practice,
        [newNotification(user.id, 'digest', '', at, counts)],
        notices,
        writerOf(automation),
      );
      return true;
    });
    // Sent now or already (by this or another instance): either way this key is done.
    known.add(due.key);
    for (const notice of notices) await sync.storage.publish(notice);
    if (sent) result.digests++;
  }
  return result;
}
