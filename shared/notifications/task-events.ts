// The events a task change causes, as a pure function of the stored state before and after, who
// made the change and the history action it recorded. The server turns them into notifications in
// the write's own transaction, so a refused change notifies no one. The most telling event comes
// first: a person told of several by one change hears of the first only.
import type { Task } from '../task';
import { ESCALATION_ACTION_PREFIX } from '../sla/escalation';
import type { NotifyEvent } from './recipients';

type EventTask = Pick<Task, 'id' | 'ownerId' | 'status' | 'providerId' | 'waitingOn' | 'queue' | 'locationId'>;

const REOPENED_FROM: readonly string[] = ['done', 'closed', 'rejected'];

export function taskEvents(before: EventTask | undefined, after: EventTask, action: string | undefined): NotifyEvent[] {
  const events: NotifyEvent[] = [];
  const base = { taskId: after.id, queue: after.queue, locationId: after.locationId };
  const owner = after.ownerId;
  const statusChanged = before?.status !== after.status;
  if (action?.startsWith(ESCALATION_ACTION_PREFIX)) {
    events.push({ ...base, kind: 'escalated', personId: owner, level: Number(action.slice(ESCALATION_ACTION_PREFIX.length)) || 1 });
  }
  if (statusChanged && owner) {
    if (after.status === 'approved' || after.status === 'rejected') events.push({ ...base, kind: 'decided', personId: owner });
    if (after.status === 'needs_info') events.push({ ...base, kind: 'needs_info', personId: owner });
    if (after.status === 'in_progress' && before && REOPENED_FROM.includes(before.status))
      events.push({ ...base, kind: 'returned', personId: owner });
  }
  // Waiting on the provider: the information is needed from them.
  if (
    after.status === 'waiting' &&
    after.waitingOn === 'provider' &&
    after.providerId &&
    (statusChanged || before?.waitingOn !== 'provider')
  ) {
    events.push({ ...base, kind: 'needs_info', personId: after.providerId });
  }
  if (owner && owner !== (before?.ownerId ?? '')) events.push({ ...base, kind: 'assigned', personId: owner });
  return events;
}
