// Reason codes for exceptions, rejections, needs-info and reopening: list, edit, add.
import { EntryListTab } from '../common/EntryListTab';
import { REASON_KIND_LABELS, ReasonCodeEditor } from './ReasonCodeEditor';

export function ReasonCodesTab() {
  return (
    <EntryListTab
      kind="reason_code"
      describe={(code) => ({ primary: code.label, secondary: REASON_KIND_LABELS[code.kind], inactive: !code.active })}
      searchLabel="Search reason codes"
      newLabel="New reason code"
      newTestId="reason-new"
      emptyText="Reason codes are what people pick when a task waits, is rejected, needs information or is reopened. Choose one to change it, or add the practice’s own."
      Editor={ReasonCodeEditor}
    />
  );
}
