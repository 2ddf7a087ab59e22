// Which documents a workstation keeps for offline use: those of tasks in the person's own work
// (they own it, or it waits for their sign-off), nothing else, and only while that stays so.
import type { PracticeConfig } from '../../../shared/config/practice';
import { waitsForSignOffBy } from '../../../shared/policy';
import type { Task } from '../../../shared/task';
import type { WorkflowActor } from '../../../shared/workflow/check';
import type { CachedDocument } from '../../db/attachment-cache';

/** Whether the task is the person's own work: theirs, or waiting for a sign-off they may give. */
export function inOwnWork(task: Task, actor: WorkflowActor, config: PracticeConfig, at = Date.now()): boolean {
  return task.ownerId === actor.id || waitsForSignOffBy(actor, task, at, config);
}

/**
 * The kept documents to forget: their task is no longer on the workstation or no longer the
 * person's own work, or the task no longer lists the document.
 */
export function documentsToForget(
  kept: readonly CachedDocument[],
  tasks: ReadonlyMap<string, Task>,
  actor: WorkflowActor,
  config: PracticeConfig,
  at = Date.now(),
): string[] {
  return kept
    .filter((doc) => {
      const task = tasks.get(doc.taskId);
      return !task || !task.attachments.some((a) => a.id === doc.attachmentId) || !inOwnWork(task, actor, config, at);
    })
    .map((doc) => doc.attachmentId);
}
