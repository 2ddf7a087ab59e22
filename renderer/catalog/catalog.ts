// Fixed vocabularies of the task document (priorities, channels). Queues, task types, categories,
// reason codes and staff come from the replicated practice configuration (see catalog/practice-labels).
import type { Channel, Priority } from '../../shared/task';

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

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
