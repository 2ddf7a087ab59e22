// Reason codes for exceptions, rejections, needs-info and reopening: list, edit, add.
import { entriesOf } from '../admin-config';
import { MasterDetail, NothingSelected } from '../common/MasterDetail';
import { NewEntryButton } from '../common/NewEntryButton';
import { useEntrySelection } from '../common/useEntrySelection';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { REASON_KIND_LABELS, ReasonCodeEditor } from './ReasonCodeEditor';

export function ReasonCodesTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('reason_code');
  const selection = useEntrySelection();
  const entries = entriesOf(config, 'reason_code');
  const current = entries.find((e) => e.key === selection.selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({
        key: e.key,
        primary: e.body.label,
        secondary: REASON_KIND_LABELS[e.body.kind],
        inactive: !e.body.active,
      }))}
      selected={selection.selected}
      onSelect={selection.select}
      searchLabel="Search reason codes"
      actions={mayEdit && <NewEntryButton label="New reason code" onClick={selection.startNew} testId="reason-new" />}
    >
      {selection.isNew ? (
        <ReasonCodeEditor
          key={selection.newKey}
          takenKeys={entries.map((e) => e.key)}
          readOnly={!mayEdit}
          onCreated={selection.onCreated}
        />
      ) : current ? (
        <ReasonCodeEditor
          key={current.key}
          reasonKey={current.key}
          body={current.body}
          takenKeys={[]}
          readOnly={!mayEdit}
          justCreated={selection.justCreated(current.key)}
        />
      ) : (
        <NothingSelected text="Reason codes are what people pick when a task waits, is rejected, needs information or is reopened. Choose one to change it, or add the practice’s own." />
      )}
    </MasterDetail>
  );
}
