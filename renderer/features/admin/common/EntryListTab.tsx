// A tab over one kind of configuration entry that a practice adds to: the searchable list, the
// selected entry's editor, and a "New …" button for those who may edit the kind.
import type { ComponentType } from 'react';
import type { PracticeConfig } from '../../../../shared/config/practice';
import type { ConfigBody, ConfigKind } from '../../../../shared/config/schemas';
import { entriesOf } from '../admin-config';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { MasterDetail, NothingSelected, type ListedEntry } from './MasterDetail';
import { NewEntryButton } from './NewEntryButton';
import type { EntryEditorProps } from './useEntryEditor';
import { useEntrySelection } from './useEntrySelection';

interface Props<K extends ConfigKind> {
  kind: K;
  /** How an entry reads in the list. */
  describe: (body: ConfigBody<K>, config: PracticeConfig) => Omit<ListedEntry, 'key'>;
  searchLabel: string;
  newLabel: string;
  newTestId: string;
  /** Shown while no entry is open: what the entries are for. */
  emptyText: string;
  Editor: ComponentType<EntryEditorProps<K>>;
}

export function EntryListTab<K extends ConfigKind>({ kind, describe, searchLabel, newLabel, newTestId, emptyText, Editor }: Props<K>) {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit(kind);
  const selection = useEntrySelection();
  const entries = entriesOf(config, kind);
  const current = entries.find((e) => e.key === selection.selected);
  return (
    <MasterDetail
      entries={entries.map((e) => ({ key: e.key, ...describe(e.body, config) }))}
      selected={selection.selected}
      onSelect={selection.select}
      searchLabel={searchLabel}
      actions={mayEdit && <NewEntryButton label={newLabel} onClick={selection.startNew} testId={newTestId} />}
    >
      {selection.isNew ? (
        <Editor key={selection.newKey} takenKeys={entries.map((e) => e.key)} readOnly={!mayEdit} onCreated={selection.onCreated} />
      ) : current ? (
        <Editor
          key={current.key}
          entryKey={current.key}
          body={current.body}
          takenKeys={[]}
          readOnly={!mayEdit}
          justCreated={selection.justCreated(current.key)}
        />
      ) : (
        <NothingSelected text={emptyText} />
      )}
    </MasterDetail>
  );
}
