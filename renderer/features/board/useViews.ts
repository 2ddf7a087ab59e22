// The named views for this user and role, plus their saved views.
import { useMemo, useState } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { deleteSavedView, loadSavedViews, saveView, type SavedView } from './saved-views';
import { namedViews, type NamedView } from './views';
import { useBoardFilters } from './board-filters';
import { coveredBy } from '../../../shared/coverage/coverage';
import { useNow } from '../../ui/hooks/useNow';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';

export function useViews() {
  const { user } = useWorkspace();
  const config = usePracticeConfig();
  // Whom I cover for now, from the replicated staff list (offline too); re-read as the clock moves.
  const now = useNow();
  const covering = coveredBy(user.id, now, config).join(',');
  const named = useMemo(
    () => namedViews(config, user.roles, { id: user.id, covering: covering ? covering.split(',') : [] }),
    [config, user.roles, user.id, covering],
  );
  const [saved, setSaved] = useState<SavedView[]>(() => loadSavedViews(user.id));
  const applyView = useBoardFilters((s) => s.applyView);
  return {
    named,
    saved,
    open: (view: NamedView | SavedView) => applyView(view.id, view.filters),
    save: (label: string) => setSaved(saveView(user.id, label, useBoardFilters.getState().filters)),
    remove: (id: string) => setSaved(deleteSavedView(user.id, id)),
  };
}
export type Views = ReturnType<typeof useViews>;
