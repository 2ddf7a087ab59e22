// The board's views as tabs: whole board, my work, approval, triage, waiting, overdue, each team's
// queue, and the user's saved views (with "Save view").
import BookmarkAddOutlined from '@mui/icons-material/BookmarkAddOutlined';
import { Box, Chip, IconButton, Tab, Tabs, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useBoardFilters } from './board-filters';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useObservable } from '../../ui/hooks/useObservable';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import type { Views } from './useViews';

export interface ViewTabsProps {
  views: Views;
  /** Counts shown on tabs, by view id (e.g. the approval queue's on "Needs my approval"). */
  counts?: Partial<Record<string, number>>;
  /** Shown after the tabs (e.g. the way to the approval window). */
  actions?: ReactNode;
}

export function ViewTabs({ views, counts = {}, actions }: ViewTabsProps) {
  const viewId = useBoardFilters((s) => s.viewId);
  // The practice configuration is in the replica once it names queues (the queue views come from it).
  const configReady = usePracticeConfig().queues.size > 0;
  // A first sign-in fills the replica in pages: the board works meanwhile, and says it is not all here yet.
  const { workspace } = useWorkspace();
  const firstSync = useObservable(() => workspace.sync.firstSync$, workspace.sync.firstSync$.value, [workspace]);
  const all = [...views.named, ...views.saved];
  const current = all.some((v) => v.id === viewId) ? viewId : false;
  const save = () => {
    const label = window.prompt('Name this view (filters are saved on this workstation)');
    if (label?.trim()) views.save(label.trim());
  };
  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', px: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
      data-testid="view-tabs"
      data-config-ready={configReady || undefined}
      data-tasks-ready={firstSync === 'done' || undefined}
    >
      <Tabs value={current} variant="scrollable" scrollButtons="auto" sx={{ minHeight: 36, flex: 1 }} aria-label="Views">
        {all.map((v) => (
          <Tab
            key={v.id}
            value={v.id}
            label={
              counts[v.id] ? (
                <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
                  {v.label}
                  <Chip
                    size="small"
                    color="primary"
                    label={counts[v.id]}
                    data-testid={`viewtab-count-${v.id}`}
                    sx={{ height: 18, fontSize: 11 }}
                  />
                </Box>
              ) : (
                v.label
              )
            }
            onClick={() => views.open(v)}
            data-testid={`viewtab-${v.id}`}
            sx={{ minHeight: 36, py: 0, px: 1.5, textTransform: 'none', fontSize: 13 }}
          />
        ))}
      </Tabs>
      {firstSync === 'filling' && (
        <Typography variant="body2" color="text.secondary" role="status" sx={{ px: 1, whiteSpace: 'nowrap' }} data-testid="tasks-filling">
          Getting your tasks…
        </Typography>
      )}
      {actions}
      <Tooltip title="Save these filters as a view">
        <IconButton size="small" onClick={save} data-testid="save-view" aria-label="Save view">
          <BookmarkAddOutlined fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
