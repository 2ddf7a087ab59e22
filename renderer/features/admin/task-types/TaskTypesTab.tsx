// Task types: the list, the selected type's editor, and adding the practice's own types.
import { entriesOf } from '../admin-config';
import { MasterDetail, NothingSelected } from '../common/MasterDetail';
import { NewEntryButton } from '../common/NewEntryButton';
import { labelOf, queueOptions } from '../common/options';
import { useEntrySelection } from '../common/useEntrySelection';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { TaskTypeEditor } from './TaskTypeEditor';

export function TaskTypesTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('task_type');
  const selection = useEntrySelection();
  const entries = entriesOf(config, 'task_type');
  const queues = queueOptions(config);
  const current = entries.find((e) => e.key === selection.selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({
        key: e.key,
        primary: e.body.label,
        secondary: `${labelOf(queues, e.body.defaultQueue)} · due in ${e.body.defaultDueHours} h`,
        inactive: !e.body.active,
      }))}
      selected={selection.selected}
      onSelect={selection.select}
      searchLabel="Search task types"
      actions={mayEdit && <NewEntryButton label="New task type" onClick={selection.startNew} testId="task-type-new" />}
    >
      {selection.isNew ? (
        <TaskTypeEditor key={selection.newKey} takenKeys={entries.map((e) => e.key)} readOnly={!mayEdit} onCreated={selection.onCreated} />
      ) : current ? (
        <TaskTypeEditor
          key={current.key}
          typeKey={current.key}
          body={current.body}
          takenKeys={[]}
          readOnly={!mayEdit}
          justCreated={selection.justCreated(current.key)}
        />
      ) : (
        <NothingSelected text="Choose a task type to see and change its intake fields, due time, review, checklist and follow-ups, or add one of the practice’s own." />
      )}
    </MasterDetail>
  );
}
