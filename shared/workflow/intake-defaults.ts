// What choosing a task type fills in at intake (its queue, due time in business hours, checklist):
// the same at a workstation's intake and for a task another system files through the API.
import type { PracticeConfig } from '../config/practice';
import type { TaskTypeConfig } from '../config/schemas';
import { addBusinessHours } from '../sla/business-time';
import type { ChecklistItem } from '../task';

/** Due time: `hours` business hours after `now` at the location (plain hours if it is unknown). */
export function dueAfter(hours: number, config: PracticeConfig, locationId: string, now: Date): string {
  const location = config.locations.get(locationId);
  if (!location) return new Date(now.getTime() + hours * 3600_000).toISOString();
  return addBusinessHours(now, hours, location).toISOString();
}

export function checklistFrom(type: TaskTypeConfig | undefined): ChecklistItem[] {
  return (type?.checklist ?? []).map((label, i) => ({ id: `c${i + 1}`, label, done: false }));
}

/** What choosing a type at intake fills in: its queue, due time and checklist. */
export function intakeDefaults(typeId: string, config: PracticeConfig, locationId: string, now: Date) {
  const type = config.taskTypes.get(typeId);
  return {
    queue: type?.defaultQueue ?? '',
    dueAt: type ? dueAfter(type.defaultDueHours, config, locationId, now) : '',
    checklist: checklistFrom(type),
  };
}
