// What the signed-in user may change on a task, from the shared policy (the server runs the same
// check): the drawer disables what they could not save instead of letting the server refuse it.
import { useMemo } from 'react';
import { mayEditField, mayFileTasks, POLICY_FIELDS, type PolicyField } from '../../../shared/policy';
import type { Task } from '../../../shared/task';
import { usePracticeConfig } from './usePracticeConfig';
import { useWorkflowActor } from './useWorkflowActor';

export function useTaskPermissions(task: Task): { mayEdit: (field: PolicyField) => boolean } {
  const actor = useWorkflowActor();
  const config = usePracticeConfig();
  // Decided once per task, user and configuration: the form asks for every field on every keystroke.
  return useMemo(() => {
    const editable = new Set(POLICY_FIELDS.filter((field) => mayEditField(actor, task, field, config)));
    return { mayEdit: (field: PolicyField) => editable.has(field) };
  }, [actor, task, config]);
}

/** Whether the user may file new tasks (the admin, who reads no task, may not). */
export function useMayFileTasks(): boolean {
  return mayFileTasks(useWorkflowActor());
}
