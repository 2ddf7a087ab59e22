// Readable history lines: field names, values and who did what, including values that lost a conflict.
import type { PracticeConfig } from '../../../shared/config/practice';
import { STATUS_LABELS, type HistoryEntry, type TaskStatus } from '../../../shared/task';
import { ACTIONS } from '../../../shared/workflow/actions';
import { CHANNEL_LABELS, PRIORITY_LABELS } from '../../catalog/catalog';
import { categoryLabel, queueLabel, reasonLabel, readable, staffName, typeLabel } from '../../catalog/practice-labels';
import { formatDateTime } from '../../ui/common/labels';

export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  status: 'Status',
  typeId: 'Type',
  queue: 'Queue',
  locationId: 'Location',
  priority: 'Priority',
  ownerId: 'Owner',
  dueAt: 'Due',
  channel: 'Came in by',
  patientRef: 'Patient',
  description: 'Description',
  reasonNote: 'Reason note',
  notes: 'Notes',
  category: 'Category',
  providerId: 'Provider',
  waitingOn: 'Waiting on',
  reasonCode: 'Reason code',
  outcome: 'Outcome',
  checklist: 'Checklist',
  reviewerId: 'Reviewer',
  followUpOf: 'Follow-up of',
};

/** "Approve", "Send to review": the workflow action a history entry records. */
export function actionLabel(action: string | undefined): string | undefined {
  if (!action) return undefined;
  return ACTIONS.find((a) => a.id === action)?.label ?? readable(action);
}

const MAX_VALUE_CHARS = 120;

export function formatValue(field: string, value: unknown, myId: string, config: PracticeConfig): string {
  if (value === undefined || value === null || value === '') return field === 'ownerId' ? 'Unassigned' : '(empty)';
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (typeof value !== 'string') return JSON.stringify(value);
  let text: string;
  switch (field) {
    case 'status':
      text = STATUS_LABELS[value as TaskStatus] ?? value;
      break;
    case 'priority':
      text = PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS] ?? value;
      break;
    case 'channel':
      text = CHANNEL_LABELS[value as keyof typeof CHANNEL_LABELS] ?? value;
      break;
    case 'typeId':
      text = typeLabel(config, value);
      break;
    case 'queue':
      text = queueLabel(config, value);
      break;
    case 'category':
      text = categoryLabel(config, value);
      break;
    case 'reasonCode':
      text = reasonLabel(config, value);
      break;
    case 'ownerId':
    case 'providerId':
    case 'reviewerId':
      text = value === myId ? 'Me' : staffName(config, value);
      break;
    case 'dueAt':
      text = formatDateTime(value);
      break;
    default:
      text = `“${value}”`;
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

/** Names of the actors that appear in a task's history, by id. */
export function actorNames(history: HistoryEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of history) if (entry.actorId && entry.actorName) names.set(entry.actorId, entry.actorName);
  return names;
}

export function actorName(id: string, names: Map<string, string>, myId: string): string {
  if (id && id === myId) return 'you';
  return names.get(id) ?? (id || 'someone');
}

/** Workstation ids the server writes under itself. */
const SERVER_WORKSTATIONS: Record<string, string> = {
  server: 'automatically',
  seed: 'demo data',
  'admin-cli': 'the server’s command line',
};

/**
 * Where a change was made, as people say it: "this workstation", the name an admin gave it at
 * enrollment ("Front desk 2"), or, for one that was never enrolled (its id is only its own claim),
 * "another workstation". Never the id.
 */
export function workstationLabel(id: string, name: string | undefined, here: string): string {
  if (id && id === here) return name ? `this workstation (${name})` : 'this workstation';
  if (name) return name;
  return SERVER_WORKSTATIONS[id] ?? 'another workstation';
}

/** "Title “Call Mrs. B” by Dana (Front desk 2) was superseded" */
export function supersededLine(
  item: NonNullable<HistoryEntry['superseded']>[number],
  names: Map<string, string>,
  myId: string,
  config: PracticeConfig,
  here = '',
): string {
  const who = actorName(item.byActorId, names, myId);
  const where = item.byWorkstationId ? ` (${workstationLabel(item.byWorkstationId, item.byWorkstationName, here)})` : '';
  return `${fieldLabel(item.field)} ${formatValue(item.field, item.value, myId, config)} by ${who}${where} was superseded`;
}
