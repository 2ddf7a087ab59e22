// Task types: the list and the selected type's editor.
import { useState } from 'react';
import { entriesOf } from '../../../data/admin-config';
import { MasterDetail, NothingSelected } from '../common/MasterDetail';
import { labelOf, queueOptions } from '../common/options';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { TaskTypeEditor } from './TaskTypeEditor';

export function TaskTypesTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('task_type');
  const [selected, setSelected] = useState<string | null>(null);
  const entries = entriesOf(config, 'task_type');
  const queues = queueOptions(config);
  const current = entries.find((e) => e.key === selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({
        key: e.key,
        primary: e.body.label,
        secondary: `${labelOf(queues, e.body.defaultQueue)} · due in ${e.body.defaultDueHours} h`,
        inactive: !e.body.active,
      }))}
      selected={selected}
      onSelect={setSelected}
      searchLabel="Search task types"
    >
      {current ? (
        <TaskTypeEditor key={current.key} typeKey={current.key} body={current.body} readOnly={!mayEdit} />
      ) : (
        <NothingSelected text="Choose a task type to see and change its intake fields, due time, review, checklist and follow-ups." />
      )}
    </MasterDetail>
  );
}
