// Assignment: one accountable owner per task, chosen by the practice's routing rules.
import type { PracticeConfig } from '../config/practice';
import type { RoutingRule } from '../config/schemas';
import type { TaskStatus } from '../task';
import { coveringFor, isAbsent } from '../coverage/coverage';
import { isOpenStatus } from './statuses';

export type RoutingResult =
  { assigned: true; ownerId: string; queue: string; ruleId: string } | { assigned: false; why: string; queue?: string; ruleId?: string };

export interface Routable {
  typeId: string;
  category: string;
  locationId: string;
  providerId: string;
}
export interface Workload {
  ownerId: string;
  status: TaskStatus;
  /** When the current owner got the task (ISO), '' if unknown. */
  ownerSince: string;
}

function ruleMatches(rule: RoutingRule, task: Routable): boolean {
  const m = rule.match;
  return (
    (!m.typeId || m.typeId === task.typeId) &&
    (!m.category || m.category === task.category) &&
    (!m.locationId || m.locationId === task.locationId) &&
    (!m.providerId || m.providerId === task.providerId)
  );
}

/**
 * Picks the owner for `task` at `at`. `tasks` is the replica's view of current work: it gives each
 * person's open workload (least open work) and when they last got a task (round-robin). A person
 * in the pool who is out counts as whoever covers for them; one out with nobody present to cover
 * is skipped.
 */
export function routeTask(task: Routable, config: PracticeConfig, tasks: Workload[], at = Date.now()): RoutingResult {
  const rule = config.routingRules.find((r) => r.active && ruleMatches(r, task));
  if (!rule)
    return { assigned: false, why: `No routing rule matches type "${task.typeId}"${task.category ? `, category "${task.category}"` : ''}` };
  const acting = [...new Set(rule.pool.map((userId) => coveringFor(userId, at, config)))];
  const candidates = acting.filter((userId) => {
    const person = config.staff.get(userId);
    return person && !isAbsent(userId, at, config) && person.locationIds.includes(task.locationId);
  });
  if (candidates.length === 0) {
    const why = rule.pool.length === 0 ? 'its pool is empty' : 'everyone in its pool is out or works at another location';
    return { assigned: false, why: `Rule "${rule.id}" has no one to assign: ${why}`, queue: rule.queue, ruleId: rule.id };
  }
  const score = new Map(candidates.map((id) => [id, 0]));
  if (rule.strategy === 'least_open') {
    for (const t of tasks) if (score.has(t.ownerId) && isOpenStatus(t.status)) score.set(t.ownerId, score.get(t.ownerId)! + 1);
  } else {
    // Round-robin without shared state: whoever got a task least recently goes next.
    for (const t of tasks) {
      if (!score.has(t.ownerId) || !t.ownerSince) continue;
      score.set(t.ownerId, Math.max(score.get(t.ownerId)!, Date.parse(t.ownerSince)));
    }
  }
  const ownerId = candidates.reduce((best, id) => (score.get(id)! < score.get(best)! ? id : best));
  return { assigned: true, ownerId, queue: rule.queue, ruleId: rule.id };
}
