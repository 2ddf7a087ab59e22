// The patient request page's types (`/request/<location>`): list, edit, add.
import { EntryListTab } from '../common/EntryListTab';
import { RequestTypeEditor } from './RequestTypeEditor';

export function RequestTypesTab() {
  return (
    <EntryListTab
      kind="request_type"
      describe={(type, config) => ({
        primary: type.label,
        secondary: `${config.taskTypes.get(type.taskTypeId)?.label ?? type.taskTypeId} · link ${type.statusLinkDays} days`,
        inactive: !type.active,
      })}
      searchLabel="Search request types"
      newLabel="New request type"
      newTestId="request-type-new"
      emptyText="What patients can ask for on the practice’s request page (/request/<location id>), and the task each files. Choose one to change it, or add one."
      Editor={RequestTypeEditor}
    />
  );
}
