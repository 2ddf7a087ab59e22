// Which entry of a master-detail tab is open: an existing one by key, or a new one being added.
// After a new entry is saved it opens under its key, still saying it was saved.
import { useState } from 'react';

const NEW_ENTRY = '\u0000new';

export function useEntrySelection() {
  const [selected, setSelected] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  return {
    selected,
    select: setSelected,
    isNew: selected === NEW_ENTRY,
    /** The editor's React key for a new entry: a fresh form each time "New" is pressed after a save. */
    newKey: NEW_ENTRY,
    startNew: () => setSelected(NEW_ENTRY),
    justCreated: (key: string) => created === key,
    onCreated: (key: string) => {
      setCreated(key);
      setSelected(key);
    },
  };
}

/** What an entry editor takes to add a new entry as well as change one. */
export interface NewEntryProps {
  /** Keys in use: a new entry's key is made unique among them. */
  takenKeys: string[];
  onCreated?: (key: string) => void;
  /** Opened right after this entry was added: say it was saved. */
  justCreated?: boolean;
}
