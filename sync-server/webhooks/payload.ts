// What a delivery's body says, per webhook: the event's ids, statuses and times for every webhook;
// the task's title, patient reference, description, reason note and notes only for a webhook the
// admin allowed PHI (read from the task as it is when the delivery is queued, just after the write).
import type { WebhookPayload, WebhookTask } from '../../shared/intake/webhooks';
import type { Task } from '../../shared/task';
import type { WebhookEventRecord } from '../storage/types';

/** The body without its timestamp (added per attempt, delivery.ts): what the queue stores. */
export type QueuedPayload = Omit<WebhookPayload, 'timestamp'>;

function phiOf(task: Task): Partial<WebhookTask> {
  return {
    title: task.title,
    patientRef: task.patientRef,
    description: task.description,
    reasonNote: task.reasonNote,
    notes: task.notes.map((n) => ({ at: n.at, authorName: n.authorName, text: n.text })),
  };
}

export function payloadFor(event: WebhookEventRecord, phiTask: Task | undefined): QueuedPayload {
  return { id: event.id, type: event.type, at: event.at, task: { ...event.task, ...(phiTask ? phiOf(phiTask) : {}) } };
}

/** The bytes sent and signed: the timestamp inside too, so a replay of an old delivery shows its age. */
export function bodyOf(queued: QueuedPayload, timestamp: string): string {
  const payload: WebhookPayload = { id: queued.id, type: queued.type, at: queued.at, timestamp, task: queued.task };
  return JSON.stringify(payload);
}
