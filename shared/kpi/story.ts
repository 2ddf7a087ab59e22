// A task's past written as moves (status changes at given times by given people), turned into
// the history the server would have recorded. Used by the demo seed's 90 days, the KPI tests and
// the benchmarks, so their histories have the same shape as live ones.
import type { TaskTypeConfig } from '../config/schemas';
import type { HistoryEntry, Task, TaskStatus } from '../task';
import { actionFor } from '../workflow/actions';

export interface Move {
  at: number;
  to: TaskStatus;
  actorId: string;
  actorName?: string;
  /** The reason code the move sets (exception, rejection, send-back, reopen); others clear it. */
  reasonCode?: string;
  /** A new owner set with the move (triage assigns one). */
  ownerId?: string;
}

/**
 * `filed` is the task as it was filed (its status, owner and createdAt are the starting point);
 * the answer is the task after every move, with its history and server-kept fields.
 */
export function taskWithStory(
  filed: Task,
  moves: readonly Move[],
  type?: TaskTypeConfig,
  filedBy = { id: filed.createdBy, name: '' },
  /** The name of the workstation each person worked at (none: unnamed). */
  workstationOf: (actorId: string) => string | undefined = () => undefined,
): Task {
  const workedAt = (actorId: string) => {
    const workstationName = workstationOf(actorId);
    return { workstationId: 'seed', ...(workstationName ? { workstationName } : {}) };
  };
  const history: HistoryEntry[] = [
    { rev: 0, at: filed.createdAt, actorId: filedBy.id, actorName: filedBy.name, ...workedAt(filedBy.id), kind: 'created', changes: [] },
  ];
  let task: Task = { ...filed, statusSince: filed.createdAt, ownerSince: filed.ownerId ? filed.createdAt : '', reworkCount: 0 };
  for (const move of moves) {
    const at = new Date(move.at).toISOString();
    const action = actionFor(task.status, move.to, type);
    const next: Task = { ...task, status: move.to, statusSince: at, updatedAt: at, serverUpdatedAt: at, updatedBy: move.actorId };
    next.reasonCode = move.reasonCode ?? (action?.id === 'close' ? task.reasonCode : '');
    if (move.ownerId !== undefined && move.ownerId !== task.ownerId) {
      next.ownerId = move.ownerId;
      next.ownerSince = at;
    }
    if (action?.rework) next.reworkCount++;
    const changes = (['status', 'ownerId', 'reasonCode'] as const)
      .filter((f) => task[f] !== next[f])
      .map((f) => ({ field: f, from: task[f], to: next[f] }));
    history.push({
      rev: 0,
      at,
      actorId: move.actorId,
      actorName: move.actorName ?? '',
      ...workedAt(move.actorId),
      kind: 'updated',
      ...(action ? { action: action.id } : {}),
      changes,
    });
    task = next;
  }
  return { ...task, history };
}
