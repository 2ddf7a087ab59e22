// Saving one configuration entry from an editor: local first (works offline), with a short status.
// An editor adding a new entry hands it over when saved (`onCreated`), and the entry's own editor
// opens still saying it was saved (`justCreated`).
import { useState } from 'react';
import type { ConfigBody, ConfigKind } from '../../../shared/config/schemas';
import type { NewEntryProps } from './common/useEntrySelection';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { saveConfigEntry } from './admin-config';

export type SaveStatus = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; message: string };

export function useSaveEntry<K extends ConfigKind>(
  kind: K,
  entry: Pick<NewEntryProps, 'onCreated' | 'justCreated'> & { isNew?: boolean } = {},
) {
  const { workspace } = useWorkspace();
  const [status, setStatus] = useState<SaveStatus>(entry.justCreated ? { state: 'saved' } : { state: 'idle' });
  const save = async (key: string, body: ConfigBody<K>): Promise<boolean> => {
    setStatus({ state: 'saving' });
    try {
      await saveConfigEntry(workspace.db, kind, key, body);
      setStatus({ state: 'saved' });
      if (entry.isNew) entry.onCreated?.(key);
      return true;
    } catch (error) {
      setStatus({ state: 'failed', message: error instanceof Error ? error.message : 'Could not save' });
      return false;
    }
  };
  return { status, save, reset: () => setStatus({ state: 'idle' }) };
}
