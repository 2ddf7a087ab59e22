// Keeps the dashboard's store (kpi-engine.ts) current with the replica, for the life of the
// workspace: every task read once, page by page with a pause between pages (the board keeps
// drawing), then each change as the replica writes it. Opening the dashboard then costs one
// computation over tasks the worker already holds, instead of reading, decrypting and handing over
// the whole replica. Only the fields the figures read leave this thread (no PHI).
import type { Subscription } from 'rxjs';
import { kpiProjection, type KpiFigure, type KpiReport } from '../../shared/kpi';
import type { Task } from '../../shared/task';
import type { BatonDatabase } from '../db/database';
import { practiceConfig$ } from '../data/config';
import { workerEngine, type KpiEngine } from './kpi-engine';
import type { FedTask, KpiWindow } from './kpi-job';

/** Tasks read per page of the first load (then a pause, so the board keeps drawing). */
const PAGE = 2000;

export interface KpiFeed {
  /** Every task of the replica handed over (later changes follow as they happen). */
  readonly loaded: Promise<void>;
  compute(window: KpiWindow, locationIds: string[]): Promise<KpiReport>;
  behind(figure: KpiFigure): Promise<string[]>;
  close(): void;
}

type Stored = Task & { _meta?: { lwt?: number } };
const fed = (doc: Stored): FedTask => ({ lwt: doc._meta?.lwt ?? 0, task: kpiProjection(doc) });
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const feeds = new WeakMap<BatonDatabase, KpiFeed>();

/** The workspace's feed, started on first use and closed with the database. */
export function kpiFeedOf(db: BatonDatabase, engine: () => KpiEngine = workerEngine, page = PAGE): KpiFeed {
  let feed = feeds.get(db);
  if (!feed) {
    const started = startFeed(db, engine(), page);
    feeds.set(db, started);
    db.onClose.push(() => started.close());
    feed = started;
  }
  return feed;
}

function startFeed(db: BatonDatabase, engine: KpiEngine, page: number): KpiFeed {
  let closed = false;
  const subs: Subscription[] = [];
  // Changes are handed over in batches (a replication pull writes hundreds at once).
  let upserts: FedTask[] = [];
  let removals: { id: string; lwt: number }[] = [];
  let flushing = false;
  const flush = () => {
    flushing = false;
    if (closed) return;
    if (upserts.length) engine.send({ type: 'upsert', rows: upserts });
    if (removals.length) engine.send({ type: 'remove', rows: removals });
    upserts = [];
    removals = [];
  };
  subs.push(
    db.tasks.$.subscribe((event) => {
      const doc = event.documentData as Stored;
      if (event.operation === 'DELETE' || (doc as { _deleted?: boolean })._deleted) removals.push({ id: event.documentId, lwt: doc._meta?.lwt ?? Number.MAX_SAFE_INTEGER });
      else upserts.push(fed(doc));
      if (!flushing) {
        flushing = true;
        queueMicrotask(flush);
      }
    }),
  );
  let gotPractice: () => void = () => undefined;
  const practice = new Promise<void>((resolve) => (gotPractice = resolve));
  subs.push(
    practiceConfig$(db).subscribe((config) => {
      engine.send({ type: 'practice', practice: config });
      gotPractice();
    }),
  );

  const loaded = (async (): Promise<void> => {
    let last = '';
    for (;;) {
      if (closed) return;
      const docs = await db.tasks.find({ selector: last ? { id: { $gt: last } } : {}, sort: [{ id: 'asc' }], limit: page }).exec();
      if (closed) return;
      if (docs.length) engine.send({ type: 'upsert', rows: docs.map((d) => fed(d.toJSON(true) as unknown as Stored)) });
      if (docs.length < page) return;
      last = docs[docs.length - 1].id;
      await pause();
    }
  })().catch((error: unknown) => {
    if (!closed) throw error;
  });
  const ready = Promise.all([loaded, practice]).then(() => undefined);
  ready.catch(() => undefined); // reported by compute, not as an unhandled rejection

  return {
    loaded: ready,
    async compute(window, locationIds) {
      await ready;
      flush();
      return engine.compute(window, locationIds);
    },
    behind: (figure) => engine.behind(figure),
    close() {
      if (closed) return;
      closed = true;
      subs.forEach((s) => s.unsubscribe());
      engine.close();
    },
  };
}
