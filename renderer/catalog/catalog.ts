// The board's view of the catalog: options for selects and labels for display. Queues and task
// types are static in shared/catalog.ts until a later issue makes them replicated data.
import { QUEUES as SHARED_QUEUES, TASK_TYPES as SHARED_TASK_TYPES } from '../../shared/catalog';
import type { Channel, Priority } from '../../shared/task';

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/** The practice's queues, from the shared catalog (the server validates against the same list). */
export const QUEUES: Option[] = SHARED_QUEUES.map((q) => ({ value: q.id, label: q.label }));

export interface TaskType extends Option {
  defaultQueue: string;
}

export const TASK_TYPES: TaskType[] = SHARED_TASK_TYPES.map((t) => ({ value: t.id, label: t.label, defaultQueue: t.defaultQueue }));

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  portal: 'Patient portal',
  fax: 'Fax',
  walk_in: 'Walk-in',
  provider_request: 'Provider request',
  email: 'Email',
  integration: 'Integration',
};

/** A readable label for a catalog value; unknown values (from newer workstations) show as they are. */
export function labelOf(options: Option[], value: string): string {
  return options.find((o) => o.value === value)?.label ?? value.replace(/_/g, ' ');
}
