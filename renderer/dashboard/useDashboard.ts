// The dashboard's state: the figures for a range and locations, computed in the worker from the
// replica (offline too), recomputed when the replica changes, and the clicks through to the tasks.
import { useCallback, useEffect, useState } from 'react';
import { auditTime } from 'rxjs';
import type { KpiFigure, KpiReport } from '../../shared/kpi';
import { useWorkspace } from '../app/WorkspaceContext';
import { navigate } from '../app/route';
import { useBoardFilters } from '../state/board-filters';
import { kpiFeedOf } from './kpi-feed';
import { lastDays, rangeWindow, validRange, type DayRange } from './range';

const RECOMPUTE_MS = 3000;

export interface DashboardState {
  report: KpiReport | null;
  computing: boolean;
  error: string;
  /** Milliseconds from asking to having the figures. */
  tookMs: number;
  /** Opens the list of the tasks behind a figure on the board. */
  open(figure: KpiFigure, label: string): Promise<void>;
}

export function useDashboard(range: DayRange, locationIds: string[]): DashboardState {
  const { workspace } = useWorkspace();
  const [state, setState] = useState({ report: null as KpiReport | null, computing: true, error: '', tookMs: 0 });
  const [changes, setChanges] = useState(0);
  const locations = locationIds.join(',');

  useEffect(() => {
    const sub = workspace.db.tasks.$.pipe(auditTime(RECOMPUTE_MS)).subscribe(() => setChanges((n) => n + 1));
    return () => sub.unsubscribe();
  }, [workspace]);

  useEffect(() => {
    if (!validRange(range)) return;
    let current = true;
    const started = performance.now();
    setState((s) => ({ ...s, computing: true }));
    const window = { ...rangeWindow(range), at: new Date().toISOString() };
    kpiFeedOf(workspace.db)
      .compute(window, locations ? locations.split(',') : [])
      .then((report) => current && setState({ report, computing: false, error: '', tookMs: Math.round(performance.now() - started) }))
      .catch((error: Error) => current && setState((s) => ({ ...s, computing: false, error: error.message })));
    return () => {
      current = false;
    };
  }, [workspace, range.from, range.to, locations, changes]);

  const open = useCallback(
    async (figure: KpiFigure, label: string) => {
      const ids = await kpiFeedOf(workspace.db).behind(figure);
      useBoardFilters.getState().showTasks(label, ids);
      navigate('board');
    },
    [workspace],
  );

  return { ...state, open };
}

/**
 * A manager's board gets the dashboard ready in the background: the replica handed to the worker
 * page by page, then the default range computed once, so opening the dashboard later computes
 * only what changed (and never reads the whole replica on the board's thread at that moment).
 */
export function useDashboardWarmUp(enabled: boolean, locationIds: readonly string[]): void {
  const { workspace } = useWorkspace();
  const locations = locationIds.join(',');
  useEffect(() => {
    if (!enabled) return;
    const feed = kpiFeedOf(workspace.db);
    const window = { ...rangeWindow(lastDays(30)), at: new Date().toISOString() };
    // A failure here shows when the dashboard is opened (it asks again).
    feed.loaded.then(() => feed.compute(window, locations ? locations.split(',') : [])).catch(() => undefined);
  }, [workspace, enabled, locations]);
}
