// The webhook events a task write causes, as a pure function of the state before and after and the
// history action it recorded (an escalation by the SLA automation). The write path puts them in the
// outbox in its own transaction (sync/push.ts), so a refused or rolled-back write sends nothing.
import { newId } from '../../shared/ids';
import type { WebhookEventType, WebhookTask } from '../../shared/intake/webhooks';
import { ESCALATION_ACTION_PREFIX } from '../../shared/sla/escalation';
import type { Task } from '../../shared/task';
import type { WebhookEventRecord, WebhookRecord } from '../storage/types';

/** What every delivery may carry: ids, statuses and times (PHI is added per webhook, payload.ts). */
function webhookTask(task: Task, previousStatus: string | undefined): WebhookTask {
  return {
    id: task.id,
    status: task.status,
    ...(previousStatus !== undefined ? { previousStatus } : {}),
    locationId: task.locationId,
    queue: task.queue,
    typeId: task.typeId,
    priority: task.priority,
    dueAt: task.dueAt,
    ownerId: task.ownerId,
    updatedAt: task.serverUpdatedAt || task.updatedAt,
  };
}

export function webhookEventsOf(before: Task | undefined, after: Task, action: string | undefined, at: string): WebhookEventRecord[] {
  const types: WebhookEventType[] = [];
  const statusChanged = before !== undefined && before.status !== after.status;
  if (!before) types.push('task.created');
  if (statusChanged) types.push('task.status_changed');
  if (statusChanged && after.status === 'approved') types.push('task.approved');
  if (statusChanged && after.status === 'rejected') types.push('task.rejected');
  if (action?.startsWith(ESCALATION_ACTION_PREFIX)) types.push('task.escalated');
  const task = webhookTask(after, statusChanged ? before.status : undefined);
  return types.map((type) => ({ id: newId(), type, taskId: after.id, locationId: after.locationId, at, task }));
}

/** Whether a webhook hears of an event: live, asked for its type, one of its locations. */
export const hears = (webhook: WebhookRecord, event: Pick<WebhookEventRecord, 'type' | 'locationId'>) =>
  webhook.disabledAt === null && webhook.events.includes(event.type) && webhook.locationIds.includes(event.locationId);
