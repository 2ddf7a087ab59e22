// Task types: the list, the selected type's editor, and adding the practice's own types.
import { EntryListTab } from '../common/EntryListTab';
import { labelOf, queueOptions } from '../common/options';
import { TaskTypeEditor } from './TaskTypeEditor';

export function TaskTypesTab() {
  return (
    <EntryListTab
      kind="task_type"
      describe={(type, config) => ({
        primary: type.label,
        secondary: `${labelOf(queueOptions(config), type.defaultQueue)} · due in ${type.defaultDueHours} h`,
        inactive: !type.active,
      })}
      searchLabel="Search task types"
      newLabel="New task type"
      newTestId="task-type-new"
      emptyText="Choose a task type to see and change its intake fields, due time, review, checklist and follow-ups, or add one of the practice’s own."
      Editor={TaskTypeEditor}
    />
  );
}
