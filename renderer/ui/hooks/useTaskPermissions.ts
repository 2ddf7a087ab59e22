// What the signed-in user may change on a task, from the shared policy (the server runs the same
// check): the drawer disables what they could not save instead of letting the server refuse it.
import { useMemo } from 'react';
import { mayEditField, mayFileTasks, type PolicyField } from '../../../shared/policy';
import type { Task } from '../../../shared/task';
import { usePracticeConfig } from './usePracticeConfig';
import { useWorkflowActor } from './useWorkflowActor';

export function useTaskPermissions(task: Task): { mayEdit: (field: PolicyField) => boolean } {
  const actor = useWorkflowActor();
  const config = usePracticeConfig();
  return useMemo(() => ({ mayEdit: (field: PolicyField) => mayEditField(actor, task, field, config) }), [actor, task, config]);
}

/** Whether the user may file new tasks (the admin, who reads no task, may not). */
export function useMayFileTasks(): boolean {
  return mayFileTasks(useWorkflowActor());
}
