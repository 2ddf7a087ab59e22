// Pure workflow helpers for the board: triage routing, follow-ups and the
// approval view's types. Everything it decides comes from the replicated configuration.
import { coveringFor } from '../../shared/coverage/coverage';
import type { PracticeConfig } from '../../shared/config/practice';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task } from '../../shared/task';
import { checklistFrom, dueAfter } from '../../shared/workflow/intake-defaults';
import type { Role } from '../../shared/wire';
import { ACTIONS, mayTake } from '../../shared/workflow/actions';
import { routeTask, type RoutingResult, type Workload } from '../../shared/workflow/routing';

/** Triage: the owner routing picks once the category is confirmed. */
export function routeForTriage(task: Task, category: string, config: PracticeConfig, workloads: Workload[]): RoutingResult {
  return routeTask({ typeId: task.typeId, category, locationId: task.locationId, providerId: task.providerId }, config, workloads);
}

/** Ids are deterministic, so two workstations closing the same task create one follow-up. */
export function followUpId(parentId: string, index: number): string {
  return `${parentId.slice(0, 56)}-fu${index}`;
}

/**
 * The tasks closing `parent` creates: one per follow-up rule of its type matching its outcome.
 * They start in triage ('new', as the server requires) with their owner already set.
 */
export function followUpTasks(parent: Task, config: PracticeConfig, workloads: Workload[], actorId: string, now: Date): Task[] {
  const type = config.taskTypes.get(parent.typeId);
  if (!type || !parent.outcome) return [];
  const at = now.toISOString();
  return type.followUps.flatMap((rule, index) => {
    if (rule.onOutcome !== parent.outcome) return [];
    const next = config.taskTypes.get(rule.typeId);
    if (!next) return [];
    const routable = { typeId: rule.typeId, category: next.category, locationId: parent.locationId, providerId: parent.providerId };
    const routed = rule.assignTo === 'routing' ? routeTask(routable, config, workloads, now.getTime()) : undefined;
    // The closed task's owner or creator, or whoever covers for them while they are out.
    const named = rule.assignTo === 'owner' ? parent.ownerId : rule.assignTo === 'creator' ? parent.createdBy : '';
    const ownerId = named ? coveringFor(named, now.getTime(), config) : routed?.assigned ? routed.ownerId : '';
    const task: Task = {
      ...parent,
      ...EMPTY_WORKFLOW_FIELDS,
      id: followUpId(parent.id, index),
      title: rule.title,
      status: 'new',
      typeId: rule.typeId,
      queue: routed?.queue ?? next.defaultQueue,
      ownerId,
      dueAt: dueAfter(rule.dueHours, config, parent.locationId, now),
      providerId: parent.providerId,
      description: parent.description || `Follow-up of “${parent.title}”`,
      category: next.category,
      checklist: checklistFrom(next),
      followUpOf: parent.id,
      notes: [],
      createdAt: at,
      createdBy: actorId,
      updatedAt: at,
      pendingSync: true,
      ...EMPTY_SERVER_FIELDS,
    };
    return [task];
  });
}

const REVIEW_DECISIONS = ACTIONS.filter((a) => a.id === 'approve');

/** Task types one of `roles` may decide ("Needs my approval"). */
export function reviewableTypeIds(config: PracticeConfig, roles: readonly Role[]): string[] {
  return [...config.taskTypes]
    .filter(([, type]) => type.review.required && REVIEW_DECISIONS.some((a) => mayTake(a, roles, type)))
    .map(([id]) => id);
}
