// The approval queue's rules, pure: which tasks wait for my sign-off and in what order, what a
// decision turns a task into (the same check the server runs), and which of my decisions lost.
import type { PracticeConfig } from '../../../shared/config/practice';
import type { ReasonKind } from '../../../shared/config/schemas';
import type { HistoryEntry, Priority, Task, TaskStatus } from '../../../shared/task';
import { ACTIONS, mayTake, type ActionDef } from '../../../shared/workflow/actions';
import { applyAction, findAction } from '../../../shared/workflow/apply';
import { checkTransition, type Violation, type WorkflowActor } from '../../../shared/workflow/check';
import { waitsForSignOffBy } from '../../../shared/policy/sign-off';

export type DecisionId = 'approve' | 'reject' | 'request_info';

export const DECISION_STATUSES: readonly TaskStatus[] = ['approved', 'rejected', 'needs_info'];
const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const APPROVE = ACTIONS.find((a) => a.id === 'approve') as ActionDef;

/** Since when the task has waited in its current status (the server's stamp, else its creation). */
export const waitingSince = (task: Pick<Task, 'statusSince' | 'createdAt'>): string => task.statusSince || task.createdAt;

/** Most urgent first, then the longest waiting, then by id so the order never flickers. */
function compareForReview(a: Task, b: Task): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || waitingSince(a).localeCompare(waitingSince(b)) || a.id.localeCompare(b.id)
  );
}

/**
 * The tasks waiting for a sign-off this user may give at `at`, in working order: their roles sign
 * off the type, and a task naming a provider waits for that provider or their coverer only.
 */
export function approvalQueue(tasks: readonly Task[], user: WorkflowActor, config: PracticeConfig, at = Date.now()): Task[] {
  return tasks.filter((t) => waitsForSignOffBy(user, t, at, config)).sort(compareForReview);
}

/** Whether these roles sign off on any active task type (they get the approval window's button). */
export function givesSignOffs(roles: WorkflowActor['roles'], config: PracticeConfig): boolean {
  return [...config.taskTypes.values()].some((type) => type.active && type.review.required && mayTake(APPROVE, roles, type));
}

/** Skipped tasks go to the back of the queue for this sitting, in the order they were skipped. */
export function withSkippedLast(queue: readonly Task[], skipped: readonly string[]): Task[] {
  const rank = new Map(skipped.map((id, i) => [id, i]));
  const kept = queue.filter((t) => !rank.has(t.id));
  const later = queue.filter((t) => rank.has(t.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return [...kept, ...later];
}

/** "12 min", "3 h 5 min", "2 d 4 h". */
export function formatWaited(sinceIso: string, now = Date.now()): string {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return '—';
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export interface ReasonChoice {
  code: string;
  label: string;
}

/** The active reason codes of one kind, in a stable order (the picker numbers them). */
export function reasonChoices(config: PracticeConfig, kind: ReasonKind): ReasonChoice[] {
  return [...config.reasonCodes.entries()]
    .filter(([, r]) => r.kind === kind && r.active)
    .map(([code, r]) => ({ code, label: r.label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The reason kind a decision needs, if any. */
export const reasonKindOf = (decision: DecisionId): ReasonKind | undefined =>
  decision === 'reject' ? 'rejection' : decision === 'request_info' ? 'needs_info' : undefined;

export type DecisionResult = { ok: true; next: Task; action: ActionDef } | { ok: false; violation: Violation };

/** The task after a decision, checked with the server's own rule; nothing is written. */
export function decide(
  task: Task,
  decision: DecisionId,
  actor: WorkflowActor,
  config: PracticeConfig,
  reasonCode?: string,
): DecisionResult {
  const type = config.taskTypes.get(task.typeId);
  const action = findAction(decision, task, type);
  if (!action) {
    return {
      ok: false,
      violation: { code: 'forbidden_transition', field: 'status', message: 'This task is no longer waiting for review' },
    };
  }
  const next = applyAction(task, action, { actorId: actor.id, reasonCode }, type);
  const violation = checkTransition(task, next, actor, config);
  return violation ? { ok: false, violation } : { ok: true, next, action };
}

export interface SupersededDecision {
  /** Task id and history rev: what "acknowledged" remembers. */
  key: string;
  taskId: string;
  title: string;
  mine: TaskStatus;
  standing: TaskStatus;
  /** Who made the decision that stands ('' when the history does not say). */
  standingBy: string;
}

function standingDecision(history: readonly HistoryEntry[], before: number, fallback: TaskStatus): { status: TaskStatus; by: string } {
  for (let i = before; i >= 0; i--) {
    const change = history[i].changes.find((c) => c.field === 'status');
    if (change) return { status: change.to as TaskStatus, by: history[i].actorName };
  }
  return { status: fallback, by: '' };
}

/** My decisions the server kept visible but did not apply, minus the ones acknowledged here. */
export function supersededDecisions(tasks: readonly Task[], myId: string, acknowledged: ReadonlySet<string>): SupersededDecision[] {
  const found: SupersededDecision[] = [];
  for (const task of tasks) {
    task.history.forEach((entry, index) => {
      const lost = entry.superseded?.find(
        (s) => s.field === 'status' && s.byActorId === myId && DECISION_STATUSES.includes(s.value as TaskStatus),
      );
      const key = `${task.id}:${entry.rev}`;
      if (!lost || acknowledged.has(key)) return;
      const standing = standingDecision(task.history, index - 1, task.status);
      found.push({
        key,
        taskId: task.id,
        title: task.title,
        mine: lost.value as TaskStatus,
        standing: standing.status,
        standingBy: standing.by,
      });
    });
  }
  return found;
}
