// RxDB's downstream skips a server state for a document whose local copy holds a write not yet
// taken back from the server, and moves its checkpoint past it anyway. That is safe when the
// write's push comes later (the server merges it over that state and answers with the merge), not
// when the push was already applied before that state: its answer is older, RxDB then writes it
// into the replica, and no pull brings the newer state again (chaos seed 241). The guard notes the
// server states that reach the replica while a push is under way, with the checkpoint they were
// pulled from; once the pushes are answered, while the replica still lags behind one of them, it
// has the replication pull again from that checkpoint, until the replica holds that state or newer.
//
// A pull, not the noted document handed in again: RxDB merges the documents it has not yet stored
// by id, the last one winning, so an older state handed in just after a newer one would replace it
// (and its checkpoint would still move past the newer). A pull brings each document's current state.

/** How long after a push's answer RxDB may still be taking it in (local work, generous). */
const RECORD_AFTER_ANSWER_MS = 10_000;
const CHECK_FIRST_MS = 200;
const CHECK_MAX_MS = 30_000;

interface Noted<C> {
  rev: number;
  /** Where a pull from brings this state (or a newer one) again. */
  from: C;
}

const revisionOf = (doc: unknown): { id: string; rev: number } | undefined => {
  const { id, rev } = (doc ?? {}) as { id?: unknown; rev?: unknown };
  return typeof id === 'string' && typeof rev === 'number' ? { id, rev } : undefined;
};

export interface SkippedStateGuardOptions<C> {
  /** The replica's own revision of each document (undefined: not held). */
  replicaRevs(ids: string[]): Promise<Map<string, number | undefined>>;
  /** Has the replication pull again from `from` (the checkpoint a noted state was pulled from). */
  pullAgainFrom(from: C): void;
  now?: () => number;
}

export class SkippedStateGuard<C> {
  private pushes = 0;
  private answeredAt = -Infinity;
  /** Per document, the newest state seen while a push was under way, in the order first noted. */
  private readonly noted = new Map<string, Noted<C>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wait = CHECK_FIRST_MS;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: SkippedStateGuardOptions<C>) {
    this.now = options.now ?? Date.now;
  }

  pushSent(): void {
    this.pushes++;
  }

  pushSettled(): void {
    this.pushes = Math.max(0, this.pushes - 1);
    this.answeredAt = this.now();
    if (this.noted.size > 0) this.checkSoon(true);
  }

  /** Server states on their way into the replica (a pull's answer, a stream event), pulled from `from`. */
  delivered(docs: readonly unknown[], from: C): void {
    if (this.pushes === 0 && this.now() - this.answeredAt > RECORD_AFTER_ANSWER_MS) return;
    for (const doc of docs) {
      const state = revisionOf(doc);
      if (!state) continue;
      const known = this.noted.get(state.id);
      // The earliest checkpoint stays: a pull from it brings the newer state too.
      if (!known) this.noted.set(state.id, { rev: state.rev, from });
      else if (known.rev < state.rev) known.rev = state.rev;
    }
    if (this.noted.size > 0) this.checkSoon(true);
  }

  /** States still noted (tests and diagnostics). */
  get pending(): number {
    return this.noted.size;
  }

  /** Drops every noted state: their checkpoints belong to a replication that no longer runs. */
  forget(): void {
    this.noted.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private checkSoon(fresh: boolean): void {
    if (this.stopped) return;
    if (fresh) this.wait = CHECK_FIRST_MS;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), this.wait);
  }

  private async check(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || this.noted.size === 0) return;
    // While a push is on its way, its answer may still be written over whatever is pulled now.
    if (this.pushes === 0) {
      const revs = await this.options.replicaRevs([...this.noted.keys()]);
      let earliest: Noted<C> | undefined;
      for (const [id, noted] of this.noted) {
        const rev = revs.get(id);
        // Held at that state or newer, or not held at all (a skip needs a local copy): done.
        if (rev === undefined || rev >= noted.rev) this.noted.delete(id);
        else earliest ??= noted;
      }
      if (earliest && !this.stopped) this.options.pullAgainFrom(earliest.from);
    }
    if (this.noted.size === 0) return;
    // Noted until the replica holds them: a local write still pending skips them again.
    this.wait = Math.min(this.wait * 2, CHECK_MAX_MS);
    this.checkSoon(false);
  }
}
