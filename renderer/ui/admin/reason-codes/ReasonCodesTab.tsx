// Reason codes for exceptions, rejections, needs-info and reopening: list, edit, add.
import Add from '@mui/icons-material/Add';
import { Button } from '@mui/material';
import { useState } from 'react';
import { entriesOf } from '../../../data/admin-config';
import { MasterDetail, NothingSelected } from '../common/MasterDetail';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { REASON_KIND_LABELS, ReasonCodeEditor } from './ReasonCodeEditor';

const NEW = '\u0000new';

export function ReasonCodesTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('reason_code');
  const [selected, setSelected] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const entries = entriesOf(config, 'reason_code');
  const current = entries.find((e) => e.key === selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({ key: e.key, primary: e.body.label, secondary: REASON_KIND_LABELS[e.body.kind], inactive: !e.body.active }))}
      selected={selected}
      onSelect={setSelected}
      searchLabel="Search reason codes"
      actions={
        mayEdit && (
          <Button variant="outlined" startIcon={<Add />} onClick={() => setSelected(NEW)} data-testid="reason-new">
            New reason code
          </Button>
        )
      }
    >
      {selected === NEW ? (
        <ReasonCodeEditor key={NEW} takenKeys={entries.map((e) => e.key)} readOnly={!mayEdit} onCreated={(key) => {
            setCreated(key);
            setSelected(key);
          }}
        />
      ) : current ? (
        <ReasonCodeEditor key={current.key} reasonKey={current.key} body={current.body} takenKeys={[]} readOnly={!mayEdit} justCreated={created === current.key} />
      ) : (
        <NothingSelected text="Reason codes are what people pick when a task waits, is rejected, needs information or is reopened. Choose one to change it, or add the practice’s own." />
      )}
    </MasterDetail>
  );
}
