// The named views for this user and role, plus their saved views.
import { useMemo, useState } from 'react';
import { useWorkspace } from '../../app/WorkspaceContext';
import { deleteSavedView, loadSavedViews, saveView, type SavedView } from '../../data/saved-views';
import { namedViews, type NamedView } from '../../data/views';
import { useBoardFilters } from '../../state/board-filters';
import { coveredBy } from '../../../shared/coverage/coverage';
import { useNow } from '../hooks/useNow';
import { usePracticeConfig } from '../hooks/usePracticeConfig';

export function useViews() {
  const { user } = useWorkspace();
  const config = usePracticeConfig();
  // Whom I cover for now, from the replicated staff list (offline too); re-read as the clock moves.
  const now = useNow();
  const covering = coveredBy(user.id, now, config).join(',');
  const named = useMemo(() => namedViews(config, user.roles, { id: user.id, covering: covering ? covering.split(',') : [] }), [config, user.roles, user.id, covering]);
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
