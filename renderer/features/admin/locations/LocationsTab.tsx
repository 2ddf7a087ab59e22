// The practice's locations: hours and the shared-workstation settings of each. Admins only edit.
import { useState } from 'react';
import { entriesOf } from '../admin-config';
import { MasterDetail, NothingSelected } from '../common/MasterDetail';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { LocationEditor } from './LocationEditor';

export function LocationsTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('location');
  const [selected, setSelected] = useState<string | null>(null);
  const entries = entriesOf(config, 'location');
  const current = entries.find((e) => e.key === selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({
        key: e.key,
        primary: e.body.label,
        secondary: `${e.body.timeZone} · locks after ${e.body.lockAfterMinutes} min`,
      }))}
      selected={selected}
      onSelect={setSelected}
      searchLabel="Search locations"
    >
      {current ? (
        <LocationEditor key={current.key} locationKey={current.key} body={current.body} readOnly={!mayEdit} />
      ) : (
        <NothingSelected text="Each location keeps its own business hours (due times count only those) and how its shared workstations lock and allow offline sign-in. Choose one to change it." />
      )}
    </MasterDetail>
  );
}
