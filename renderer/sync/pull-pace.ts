// RxDB pulls the next page while it still writes the ones before, and writes whatever piled up
// meanwhile as one bulk. In a large first sign-in its bulks grew to tens of thousands of documents
// (the last one of a 50,000-task replica held 32,000): one long IndexedDB transaction, one change
// event the board and the dashboard take in at once and, for a reload right after it, all of it
// still to read back (the dashboard's worker had been handed none of it). So a pull waits while
// more than `ahead` documents it delivered are not yet written: the bulks stay near that size, and
// pulling still runs ahead of writing.
//
// Written means RxDB stored the pull's checkpoint, which it does once the documents of the pages
// up to it are written (replication-protocol/downstream.js), whether or not each one needed a
// write: a page the replica already holds as it is counts as written too.
import type { Observable, Subscription } from 'rxjs';

/** A write of the replication's meta storage, as its change stream says it. */
export interface MetaWriteBulk {
  events: readonly { documentData: { isCheckpoint?: string; itemId?: string; checkpointData?: unknown } }[];
}

/** A pull's checkpoint as the client keeps it (replication.ts). */
interface Checkpoint {
  cp: string;
}

const isCheckpoint = (v: unknown): v is Checkpoint => typeof (v as Partial<Checkpoint> | null)?.cp === 'string';

/**
 * How long a pull waits for a checkpoint to be stored before it goes on anyway: RxDB stores none
 * for a replication cancelled meanwhile, and a pull must never wait for good.
 */
const STALL_MS = 10_000;

export class PullPace {
  /** Documents delivered since the replication last caught up, and how many of them are written. */
  private delivered = 0;
  private written = 0;
  /** The checkpoints delivered and not yet stored, each with the documents delivered up to it. */
  private pages: { cp: string; through: number }[] = [];
  private wake: (() => void) | undefined;
  private watching: { meta: unknown; subscription: Subscription } | undefined;

  /** `ahead`: documents delivered and not written that a pull may go ahead of. */
  constructor(
    private readonly ahead: number,
    private readonly stallMs = STALL_MS,
  ) {}

  /** Follows the stored checkpoints of `meta` (the running replication's meta storage; a restart brings another). */
  watch(meta: object, changes: () => Observable<MetaWriteBulk>): void {
    if (this.watching?.meta === meta) return;
    this.watching?.subscription.unsubscribe();
    this.watching = { meta, subscription: changes().subscribe((bulk) => this.stored(bulk)) };
  }

  private stored(bulk: MetaWriteBulk): void {
    for (const { documentData: doc } of bulk.events) {
      if (doc.isCheckpoint !== '1' || doc.itemId !== 'down' || !isCheckpoint(doc.checkpointData)) continue;
      const at = this.pages.findIndex((p) => p.cp === (doc.checkpointData as Checkpoint).cp);
      if (at < 0) continue;
      this.written = this.pages[at].through;
      this.pages = this.pages.slice(at + 1);
      this.wake?.();
    }
  }

  /** Before a pull: resolves once at most `ahead` delivered documents are unwritten. */
  async beforePull(): Promise<void> {
    while (this.delivered - this.written > this.ahead) {
      const stored = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), this.stallMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      this.wake = undefined;
      if (!stored) this.caughtUp();
    }
  }

  /** After a pull: `count` documents go to the replication with `checkpoint`; `caughtUp` when the server had no more. */
  deliver(count: number, checkpoint: Checkpoint | undefined, caughtUp: boolean): void {
    if (caughtUp) return this.caughtUp();
    // Without a checkpoint of their own their writing could not be told: not counted.
    if (!checkpoint) return;
    this.delivered += count;
    this.pages.push({ cp: checkpoint.cp, through: this.delivered });
  }

  /** The next pull comes with the next change, when these are long written (or a stall): counting starts over. */
  private caughtUp(): void {
    this.delivered = 0;
    this.written = 0;
    this.pages = [];
  }

  /** Stops following (the replication stopped, or starts over). */
  close(): void {
    this.watching?.subscription.unsubscribe();
    this.watching = undefined;
    this.caughtUp();
    this.wake?.();
  }
}
