// Dashboard computations over a copy of the replica's tasks that the worker keeps between them,
// as KPI digests (shared/kpi/digest.ts: a finished task's moves and SLA answers worked out once,
// its history dropped; open work keeps its history): each job brings only what the replica wrote
// since the one before, so opening the dashboard again walks no history twice. A job either reads
// it straight from the replica's store (db/task-store-reader.ts) or carries it, as the board's
// thread saw the writes land (kpi-source.ts): during a large replication the worker then neither
// reads back nor decrypts what was just written, and keeps up with it. With a key the
// digests are also kept across a reload (digest-store.ts): a reload starts from them and reads
// only the replica's later writes. Where no worker is available (tests in Node) the same class
// runs inline.
import type { PracticeConfig } from '../../../shared/config/practice';
import {
  allFacts,
  digestOf,
  kpiOptionsFor,
  kpiProjection,
  summarize,
  taskOfDigest,
  tasksBehind,
  type KpiFigure,
  type KpiReport,
  type TaskDigest,
  type TaskFacts,
} from '../../../shared/kpi';
import {
  openTaskStore,
  type IndexedDbApi,
  type TaskStore,
  type TaskStoreCheckpoint,
  type TaskStoreReader,
} from '../../db/task-store-reader';
import type { Task } from '../../../shared/task';
import { loadDigests, saveDigests, type DigestFiles } from './digest-store';

/** A write of the replica as it landed: the task as written, or null where it was deleted. */
export interface HandedWrite {
  id: string;
  /** The write's time in the replica (RxDB's `_meta.lwt`): with the id, its place in the store's order. */
  lwt: number;
  /** The document's revision height (RxDB's `_rev`, "height-hash"): each write of a document adds one. */
  rev: number;
  task: Task | null;
  /** The replica's log record the write is in (log-storage.ts: its event's `logKey`), where there is one. */
  key?: number;
}

/** The height of an RxDB revision ("3-abc…" is 3; none is 0). */
export function revisionHeight(rev: unknown): number {
  return typeof rev === 'string' ? Number.parseInt(rev, 10) || 0 : 0;
}

export interface KpiJob {
  /** The replica's tasks: the run reads what they wrote since its checkpoint. */
  store: TaskStore;
  /** The practice configuration when it changed since the last job (always the first time), with its fingerprint. */
  practice?: PracticeConfig;
  fingerprint?: string;
  /** Drop every task and read the replica whole (the configuration changed, or a fresh read). */
  reset?: boolean;
  window: { from: string; to: string; at: string };
  locationIds: string[];
  /**
   * Every write since the job before, in the order they landed, where the board's thread followed
   * them all: the job takes them instead of reading the store (unless the run missed a job).
   */
  handed?: HandedWrite[];
  /** The job's place among those of its maker (kpi-source.ts): handed writes follow on only from the job just before. */
  order?: JobOrder;
}

export interface JobOrder {
  stream: string;
  n: number;
}

/** What a job brought in: ids read and removed, in how many parts. */
export interface Applied {
  upserted: string[];
  removed: string[];
  parts: number;
}

/**
 * Documents read at a time (one page of the reader): each part is digested while the next is read,
 * and may be saved meanwhile, so a first read of a large replica, or one that chases a
 * replication as it writes, keeps what it read so far even if the app closes before it ends.
 */
const READ_PART = 2000;
const DIGESTS_PER_TURN = 250;
/**
 * A turn of the worker's event loop for other work: reads, decryption, a save that fell due. A
 * message, not setTimeout(0): chained timeouts are held back to 4 ms each after the fifth.
 */
const nextTurn = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/** `a` comes after `b` in the store's order (write time, then id). */
const isAfter = (a: TaskStoreCheckpoint, b: TaskStoreCheckpoint) => a.lwt > b.lwt || (a.lwt === b.lwt && a.id > b.id);

/** What a reload resumes from: the checkpoint and configuration its saved digests are current to. */
export interface Resume {
  checkpoint: TaskStoreCheckpoint;
  fingerprint: string;
}

/**
 * The digests are saved as soon as a part of the replica is read (and after a failed save, a while
 * later), so a reload right after a large replication finds most of it saved; while a save is
 * under way, the changes since wait for it. A save writes only what changed (digest-store.ts).
 */
const SAVE_RETRY_MS = 5000;
/** Saves that keep failing (no file system for the worker) are tried at most this often. */
const SAVE_RETRY_MAX_MS = 300_000;
/**
 * A save writes everything as one part again once the parts hold as many outdated digests as
 * current ones, or this many parts: what a reload reads stays at most about twice the replica.
 */
const PARTS_MAX = 100;

/** Where a run keeps its digests across a reload (digest-store.ts), and the replica's key they are kept under. */
export interface KeptDigests {
  files: DigestFiles;
  key: string;
}

/** The figures of a job, with its facts kept for the clicks that follow (the tasks behind a figure). */
export class KpiRun {
  private readonly digests = new Map<string, TaskDigest>();
  private practice: PracticeConfig | undefined;
  private fingerprint = '';
  /** Where the digests stand in the replica's writes (undefined: nothing read yet). */
  private checkpoint: TaskStoreCheckpoint | undefined;
  /**
   * The last job, when it read the store or took its writes and nothing failed since: the writes
   * handed to the job after it in the same stream follow on from the checkpoint, none missing between.
   */
  private lastJob: JobOrder | undefined;
  /**
   * The revisions the last read of the store took, by task (deleted ones as Infinity): a write
   * handed over later that is not newer was already read (it landed while the read ran).
   */
  private readRevs = new Map<string, number>();
  private facts: TaskFacts[] = [];
  private roleOf: (id: string) => string | undefined = () => undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saveInFlight = false;
  /** Digests in the saved parts, outdated ones included. */
  private savedRows = 0;
  private saving: Promise<void> = Promise.resolve();
  /** Tasks changed and gone since the last save, and whether the next one must write everything. */
  private changed = new Set<string>();
  private gone = new Set<string>();
  private saveWhole = true;
  /** The saved parts the run's digests are in (loaded or saved by it), and where they end in the file. */
  private savedParts = 0;
  private savedBytes = 0;
  /** Saves failed in a row: each waits twice as long as the one before. */
  private failedSaves = 0;

  /**
   * `idb`: where the replica is read from; `kept`: where the digests are kept and the replica's key
   * they are kept under (none: not kept); `part`: documents read at a time.
   */
  constructor(
    private readonly idb: IndexedDbApi,
    private readonly kept?: KeptDigests,
    private readonly part = READ_PART,
  ) {}

  /** Loads the digests a previous run saved; the first job then brings only later changes (or resets). */
  async restore(): Promise<Resume | undefined> {
    if (!this.kept) return undefined;
    const saved = await loadDigests(this.kept.files, this.kept.key);
    if (!saved) return undefined;
    for (const [id, , digest] of saved.entries) this.digests.set(id, digest);
    // The run holds exactly what is saved: its saves add parts after these.
    this.savedParts = saved.partSizes.length;
    this.savedBytes = saved.bytes;
    this.savedRows = saved.partSizes.reduce((sum, n) => sum + n, 0);
    this.saveWhole = false;
    this.fingerprint = saved.fingerprint;
    this.checkpoint = saved.checkpoint;
    return { checkpoint: saved.checkpoint, fingerprint: saved.fingerprint };
  }

  /** Brings the tasks up to the replica, a part at a time, without computing figures. */
  async apply(job: KpiJob): Promise<Applied> {
    if (job.reset) this.clear();
    if (job.practice) this.adopt(job.practice, job.fingerprint ?? '');
    const practice = this.practice;
    if (!practice) throw new Error('The dashboard has no practice configuration yet');
    const applied: Applied = { upserted: [], removed: [], parts: 0 };
    const last = this.lastJob;
    // The same job again (its figures computed after it was applied): it brings nothing new.
    if (!job.reset && last && job.order?.stream === last.stream && job.order.n === last.n) return applied;
    this.lastJob = undefined;
    const followsOn = !!job.order && !job.reset && last?.stream === job.order.stream && last.n + 1 === job.order.n;
    if (followsOn && job.handed) await this.take(job.handed, practice, applied);
    else {
      this.readRevs = new Map();
      const reader = await openTaskStore(this.idb, job.store);
      if (reader) {
        try {
          await this.readAll(reader, practice, applied);
        } finally {
          reader.close();
        }
      }
    }
    this.lastJob = job.order;
    return applied;
  }

  /**
   * Takes the writes handed over, in the order they landed, each newer than the one before it of
   * the same task. A write no newer than what the last store read took of its task was read
   * already (it landed while that read ran): an older version never replaces a newer one. Writes
   * land in the order of their times (encrypted-storage.ts), but a bulk's writes share one time
   * and are not in id order, so the checkpoint is the furthest of them.
   */
  private async take(writes: HandedWrite[], practice: PracticeConfig, applied: Applied): Promise<void> {
    let last = this.checkpoint;
    // Each write handed is in a log record: past the furthest of them, the next read of the store
    // starts. Writes come in the log's order, so every record before it was read or handed.
    let key = last?.key;
    applied.parts++;
    for (let i = 0; i < writes.length; i++) {
      if (i % DIGESTS_PER_TURN === DIGESTS_PER_TURN - 1) await nextTurn();
      const write = writes[i];
      const at = { id: write.id, lwt: write.lwt };
      if (!last || isAfter(at, last)) last = at;
      key = write.key === undefined || key === undefined ? undefined : Math.max(key, write.key);
      const read = this.readRevs.get(write.id);
      if (read !== undefined && write.rev <= read) continue;
      this.readRevs.delete(write.id);
      if (write.task) this.upsert(write.task, practice, applied);
      else this.remove(write.id, applied);
    }
    this.checkpoint = last && (key === undefined ? { id: last.id, lwt: last.lwt } : { id: last.id, lwt: last.lwt, key });
    if (this.saveWhole || this.changed.size || this.gone.size) this.scheduleSave();
  }

  private upsert(task: Task, practice: PracticeConfig, applied: Applied): void {
    this.digests.set(task.id, digestOf(kpiProjection(task), practice));
    this.changed.add(task.id);
    this.gone.delete(task.id);
    applied.upserted.push(task.id);
  }

  private remove(id: string, applied: Applied): void {
    this.digests.delete(id);
    this.changed.delete(id);
    this.gone.add(id);
    applied.removed.push(id);
  }

  /** Reads the replica's writes since the checkpoint, digesting each part while the next is read and decrypted. */
  private async readAll(reader: TaskStoreReader, practice: PracticeConfig, applied: Applied): Promise<void> {
    const readFrom = (checkpoint: TaskStoreCheckpoint | undefined) => {
      const reading = reader.read(checkpoint, this.part);
      reading.catch(() => undefined); // awaited below, unless a part before it failed
      return reading;
    };
    let next = readFrom(this.checkpoint);
    for (let more = true; more;) {
      const read = await next;
      more = read.more;
      if (more) next = readFrom(read.checkpoint);
      applied.parts++;
      for (const id of read.removed) {
        this.remove(id, applied);
        this.readRevs.set(id, Infinity);
      }
      for (let i = 0; i < read.tasks.length; i++) {
        // Now and then a turn for the next part's reads and decryption to go on.
        if (i % DIGESTS_PER_TURN === DIGESTS_PER_TURN - 1) await nextTurn();
        const task = read.tasks[i];
        this.upsert(task, practice, applied);
        this.readRevs.set(task.id, revisionHeight((task as { _rev?: unknown })._rev));
      }
      this.checkpoint = read.checkpoint;
      if (this.saveWhole || this.changed.size || this.gone.size) this.scheduleSave();
    }
  }

  async compute(job: KpiJob): Promise<KpiReport> {
    await this.apply(job);
    const options = kpiOptionsFor(this.practice!, job.window, job.locationIds);
    this.facts = allFacts(
      [...this.digests.values()].map((d) => d.task),
      options,
    );
    this.roleOf = options.roleOf ?? this.roleOf;
    return summarize(this.facts, options);
  }

  behind(figure: KpiFigure): string[] {
    return tasksBehind(this.facts, figure, this.roleOf);
  }

  /** Waits for the saves under way or scheduled, a failed one's retry included once (tests; a closing worker). */
  async flush(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      if (this.saveTimer !== undefined) {
        clearTimeout(this.saveTimer);
        this.saveTimer = undefined;
        this.save();
      }
      const saving = this.saving;
      await saving;
      if (this.saveTimer === undefined && !this.saveInFlight && saving === this.saving) return;
    }
  }

  /**
   * Under the same configuration (a fingerprint seen before) the digests' answers are given to the
   * new configuration object; under another, the job resets and brings every task again.
   */
  private adopt(practice: PracticeConfig, fingerprint: string): void {
    if (fingerprint !== this.fingerprint) this.clear();
    else for (const digest of this.digests.values()) taskOfDigest(digest, practice);
    this.practice = practice;
    this.fingerprint = fingerprint;
  }

  /** Forgets every task: the next read is of the whole replica. */
  private clear(): void {
    this.digests.clear();
    this.facts = [];
    this.checkpoint = undefined;
    this.lastJob = undefined;
    this.readRevs = new Map();
    this.saveWhole = true;
  }

  private scheduleSave(after = 0): void {
    if (!this.kept || this.saveTimer !== undefined || this.saveInFlight) return;
    // At once, not on a timer: while a long read goes on, the worker's turns go to its messages
    // (nextTurn) and a timer may wait until the read ends; a reload meanwhile loses what it read.
    if (after === 0) return this.save();
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, after);
  }

  private save(): void {
    const { kept, checkpoint } = this;
    if (!kept || !checkpoint || !this.practice) return;
    const whole = this.saveWhole || this.savedParts >= PARTS_MAX || this.savedRows > 2 * this.digests.size;
    const ids = whole ? this.digests.keys() : this.changed;
    const entries: [string, string[], TaskDigest][] = [];
    for (const id of ids) {
      const digest = this.digests.get(id);
      if (digest) entries.push([id, [], digest]);
    }
    const save = { fingerprint: this.fingerprint, checkpoint, entries, removed: whole ? [] : [...this.gone], whole };
    this.changed = new Set();
    this.gone = new Set();
    this.saveWhole = false;
    this.saveInFlight = true;
    let retryAfter = 0;
    this.saving = this.saving
      // After the saves before it: it goes after the parts they saved.
      .then(() => saveDigests(kept.files, kept.key, { ...save, after: this.savedBytes }))
      .then((bytes) => {
        this.savedBytes = bytes;
        this.savedParts = whole ? 1 : this.savedParts + 1;
        this.failedSaves = 0;
        this.savedRows = (whole ? 0 : this.savedRows) + entries.length;
      })
      .catch(() => {
        // Not saved, or another run saved meanwhile: the changes in hand are not enough, so no part
        // is added (none goes after no parts) until a save of everything, a while later.
        this.savedParts = 0;
        this.savedBytes = 0;
        this.saveWhole = true;
        this.failedSaves++;
        retryAfter = Math.min(SAVE_RETRY_MS * 2 ** (this.failedSaves - 1), SAVE_RETRY_MAX_MS);
      })
      .finally(() => {
        this.saveInFlight = false;
        if (this.saveWhole || this.changed.size || this.gone.size) this.scheduleSave(retryAfter);
      });
  }
}
