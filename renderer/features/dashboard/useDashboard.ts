// The dashboard's state: the figures for a range and locations, computed in the worker from the
// replica (offline too), recomputed when the replica changes, and the clicks through to the tasks.
import { useCallback, useEffect, useRef, useState } from 'react';
import { auditTime, type Subscription } from 'rxjs';
import type { KpiFigure, KpiReport } from '../../../shared/kpi';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { navigate } from '../../workspace/route';
import { useBoardFilters } from '../board';
import type { BatonDatabase } from '../../db/database';
import { workerEngine, type KpiEngine } from './kpi-engine';
import { ReplicaChanges, replicaKey } from './kpi-source';
import { lastDays, rangeWindow, validRange, type DayRange } from './range';

const RECOMPUTE_MS = 3000;
/** The range the dashboard opens with. */
export const DEFAULT_DAYS = 30;

export interface DashboardState {
  report: KpiReport | null;
  computing: boolean;
  error: string;
  /** Milliseconds from asking to having the figures (read + compute). */
  tookMs: number;
  /** Opens the list of the tasks behind a figure on the board, once the worker has named them (a click handler). */
  open(figure: KpiFigure, label: string): void;
}

interface Source {
  engine: KpiEngine;
  changes: ReplicaChanges;
  /** The background hand-over of the replica's writes (prepareDashboard). */
  following?: Subscription;
  /** The dashboard asked for figures (the background's warm-up computation is then not needed). */
  opened?: boolean;
}
/**
 * One worker per replica for as long as it is open, kept when the dashboard closes: it holds the
 * tasks and their facts, so opening the dashboard again sends it only what changed. It starts
 * from the digests it saved before a reload (kpi-job.ts), so the first job reads only what the
 * replica wrote since.
 */
const sources = new WeakMap<BatonDatabase, Source>();
function sourceOf(db: BatonDatabase): Source {
  let source = sources.get(db);
  if (!source) {
    const engine = workerEngine();
    const created: Source = {
      engine,
      changes: new ReplicaChanges(
        db,
        replicaKey(db).then((key) => engine.restore(key)),
      ),
    };
    sources.set(db, (source = created));
    db.onClose.push(() => {
      created.following?.unsubscribe();
      created.changes.close();
      created.engine.close();
      sources.delete(db);
    });
  }
  return source;
}

/**
 * The replica's writes are handed over this soon after they land (a replication writes in bursts;
 * while the worker is still on one hand-over, the next waits for it, so they never queue up).
 */
const FOLLOW_AFTER_MS = 200;
/** Writes handed to the worker per message in the background: a few tens of milliseconds' copying each. */
const HAND_PART = 5000;

/**
 * Has the worker read the replica in the background (the dashboard button calls it as the board
 * opens; the worker reads the replica's store itself, a part at a time, off the board's thread)
 * and then take what the replica writes as it lands (kpi-source.ts), so the first open is a warm
 * one, and the digests the worker saves for the next start keep up with a first replication.
 */
export function prepareDashboard(db: BatonDatabase): void {
  const live = sourceOf(db);
  if (live.following) return;
  // Once the worker holds the whole replica, one computation of the default range (figures not
  // kept) works out its finished tasks' facts before the dashboard first opens on it.
  let computed = false;
  let handingOver = false;
  let writtenMeanwhile = false;
  const handOver = () => {
    if (handingOver) {
      writtenMeanwhile = true;
      return;
    }
    handingOver = true;
    const window = { ...rangeWindow(lastDays(DEFAULT_DAYS)), at: new Date().toISOString() };
    live.changes
      .jobFor(window, [], HAND_PART)
      .then(async (job) => {
        // A large bulk goes in parts, one message each on a turn of its own (the board draws
        // between them), without waiting for the worker to take one before the next is sent.
        const sent: Promise<unknown>[] = [];
        let last = job;
        for (;;) {
          const applying = live.engine.apply(last);
          applying.catch(() => undefined); // awaited below with the others
          sent.push(applying);
          if (!live.changes.pending) break;
          await new Promise((resolve) => setTimeout(resolve, 0));
          last = await live.changes.jobFor(window, [], HAND_PART);
        }
        await Promise.all(sent);
        if (computed || live.opened) return;
        computed = true;
        // The last job again: it brings nothing more (its writes are not copied twice).
        await live.engine.compute({ ...last, reset: false, practice: undefined, handed: [] });
      })
      .catch(() => live.changes.reset())
      .finally(() => {
        handingOver = false;
        if (!writtenMeanwhile && !live.changes.pending) return;
        writtenMeanwhile = false;
        handOver();
      });
  };
  handOver();
  live.following = db.tasks.$.pipe(auditTime(FOLLOW_AFTER_MS)).subscribe(handOver);
}
export function useDashboard(range: DayRange, locationIds: string[]): DashboardState {
  const { workspace } = useWorkspace();
  const source = useRef<Source | null>(null);
  const [state, setState] = useState({ report: null as KpiReport | null, computing: true, error: '', tookMs: 0 });
  const [changes, setChanges] = useState(0);
  const locations = locationIds.join(',');
  // The effect follows the range's days, not the object a render passes.
  const { from, to } = range;

  useEffect(() => {
    source.current = sourceOf(workspace.db);
    const sub = workspace.db.tasks.$.pipe(auditTime(RECOMPUTE_MS)).subscribe(() => setChanges((n) => n + 1));
    return () => {
      sub.unsubscribe();
      source.current = null;
    };
  }, [workspace]);

  // Replica changes while a computation runs ask for one more after it (not one each); its result
  // is shown even if changes came meanwhile: during a large replication they never stop coming.
  const wanted = useRef('');
  const running = useRef(false);
  const again = useRef(false);
  useEffect(() => {
    const live = source.current;
    const days = { from, to };
    if (!validRange(days) || !live) return;
    const key = `${from}|${to}|${locations}`;
    const sameFigures = wanted.current === key;
    wanted.current = key;
    if (running.current && sameFigures) {
      again.current = true;
      return;
    }
    running.current = true;
    again.current = false;
    const started = performance.now();
    setState((s) => ({ ...s, computing: true }));
    const window = { ...rangeWindow(days), at: new Date().toISOString() };
    live.opened = true;
    live.changes
      .jobFor(window, locations ? locations.split(',') : [])
      .then((job) => live.engine.compute(job))
      .then(
        (report) =>
          wanted.current === key && setState({ report, computing: false, error: '', tookMs: Math.round(performance.now() - started) }),
      )
      .catch((error: Error) => {
        live.changes.reset(); // the worker may have missed that job's changes
        if (wanted.current === key) setState((s) => ({ ...s, computing: false, error: error.message }));
      })
      .finally(() => {
        running.current = false;
        if (again.current) setChanges((n) => n + 1);
      });
  }, [workspace, from, to, locations, changes]);

  const open = useCallback((figure: KpiFigure, label: string) => {
    const show = async () => {
      const ids = (await source.current?.engine.behind(figure)) ?? [];
      useBoardFilters.getState().showTasks(label, ids);
      navigate('board');
    };
    void show();
  }, []);

  return { ...state, open };
}
