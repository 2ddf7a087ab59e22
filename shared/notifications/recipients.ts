// Who is told about an event: the ONE place that names recipients, so coverage (an absent
// person's coverer) is slotted in here and applies to every kind at once.
import type { PracticeConfig } from '../config/practice';
import { coveringFor } from '../coverage/coverage';
import type { NotificationKind } from './schema';

/** Something that happened to a task (or a person's day) that someone should hear about. */
export interface NotifyEvent {
  kind: NotificationKind;
  taskId: string;
  /** The person the event is about: the task's owner, or its provider for `needs_info`. */
  personId: string;
  /** For `escalated`: 1 = the queue's lead, 2 = the location's managers. */
  level?: number;
  queue?: string;
  locationId?: string;
}

export interface Person {
  id: string;
  roles: readonly string[];
  locationIds: readonly string[];
  active: boolean;
}

/** The active managers at a location. */
function managersAt(people: readonly Person[], locationId: string): string[] {
  return people.filter((p) => p.active && p.roles.includes('manager') && p.locationIds.includes(locationId)).map((p) => p.id);
}

export type NotifyPractice = Pick<PracticeConfig, 'queues' | 'staff' | 'locations'>;

/**
 * The user ids to notify of `event` at `at` (epoch ms), never the person who caused it
 * (`actorId`), each once. Escalation level 1 goes to the queue's lead (the managers when the queue
 * has none), level 2 to the location's managers; every other kind to the person it is about. A
 * person who is out is replaced by whoever covers for them (coverage/coverage.ts).
 */
export function recipientsOf(
  event: NotifyEvent,
  actorId: string,
  people: readonly Person[],
  practice: NotifyPractice,
  at: number,
): string[] {
  let ids: string[];
  if (event.kind === 'escalated') {
    const lead = event.level === 1 ? (practice.queues.get(event.queue ?? '')?.lead ?? '') : '';
    ids = lead ? [lead] : managersAt(people, event.locationId ?? '');
  } else ids = event.personId ? [event.personId] : [];
  const active = new Set(people.filter((p) => p.active).map((p) => p.id));
  return [...new Set(ids.map((id) => coveringFor(id, at, practice)))].filter((id) => id !== actorId && active.has(id));
}
