// Saving one configuration entry from an editor: local first (works offline), with a short status.
import { useState } from 'react';
import type { ConfigBody, ConfigKind } from '../../../shared/config/schemas';
import { useWorkspace } from '../../app/WorkspaceContext';
import { saveConfigEntry } from '../../data/admin-config';

export type SaveStatus = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; message: string };

export function useSaveEntry<K extends ConfigKind>(kind: K, initial: SaveStatus = { state: 'idle' }) {
  const { workspace } = useWorkspace();
  const [status, setStatus] = useState<SaveStatus>(initial);
  const save = async (key: string, body: ConfigBody<K>): Promise<boolean> => {
    setStatus({ state: 'saving' });
    try {
      await saveConfigEntry(workspace.db, kind, key, body);
      setStatus({ state: 'saved' });
      return true;
    } catch (error) {
      setStatus({ state: 'failed', message: error instanceof Error ? error.message : 'Could not save' });
      return false;
    }
  };
  return { status, save, reset: () => setStatus({ state: 'idle' }) };
}
