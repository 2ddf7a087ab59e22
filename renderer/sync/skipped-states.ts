// RxDB's downstream skips a server state for a document whose local copy holds a write not yet
// taken back from the server, and moves its checkpoint past it anyway. That is safe when the
// write's push comes later (the server merges it over that state and answers with the merge), not
// when the push was already applied before that state: its answer is older, RxDB then writes it
// into the replica, and no pull brings the newer state again (chaos seed 241). The guard keeps the
// server states that reach the replica while a push is under way, and once the pushes are answered
// delivers again each one the replica still lags behind, until the replica holds it or newer.

/** How long after a push's answer RxDB may still be taking it in (local work, generous). */
const RECORD_AFTER_ANSWER_MS = 10_000;
const CHECK_FIRST_MS = 200;
const CHECK_MAX_MS = 30_000;

interface ServerState {
  id: string;
  rev: number;
}

const serverStateOf = (doc: unknown): ServerState | undefined => {
  const { id, rev } = (doc ?? {}) as { id?: unknown; rev?: unknown };
  return typeof id === 'string' && typeof rev === 'number' ? { id, rev } : undefined;
};

export interface SkippedStateGuardOptions {
  /** The replica's own revision of each document (undefined: not held). */
  replicaRevs(ids: string[]): Promise<Map<string, number | undefined>>;
  /** Hands server states to the replication again. */
  redeliver(docs: unknown[]): void;
  now?: () => number;
}

export class SkippedStateGuard {
  private pushes = 0;
  private answeredAt = -Infinity;
  /** The newest server state per document seen while a push was under way. */
  private readonly kept = new Map<string, { state: ServerState; doc: unknown }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wait = CHECK_FIRST_MS;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: SkippedStateGuardOptions) {
    this.now = options.now ?? Date.now;
  }

  pushSent(): void {
    this.pushes++;
  }

  pushSettled(): void {
    this.pushes = Math.max(0, this.pushes - 1);
    this.answeredAt = this.now();
    if (this.kept.size > 0) this.checkSoon(true);
  }

  /** Server states on their way into the replica (a pull's answer, a stream event). */
  delivered(docs: readonly unknown[]): void {
    if (this.pushes === 0 && this.now() - this.answeredAt > RECORD_AFTER_ANSWER_MS) return;
    for (const doc of docs) {
      const state = serverStateOf(doc);
      if (!state) continue;
      const known = this.kept.get(state.id);
      if (!known || known.state.rev < state.rev) this.kept.set(state.id, { state, doc });
    }
    if (this.kept.size > 0) this.checkSoon(true);
  }

  /** States still kept (tests and diagnostics). */
  get pending(): number {
    return this.kept.size;
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
    if (this.stopped || this.kept.size === 0) return;
    // While a push is on its way, its answer may still be written over whatever is delivered now.
    if (this.pushes === 0) {
      const revs = await this.options.replicaRevs([...this.kept.keys()]);
      const behind: unknown[] = [];
      for (const [id, { state, doc }] of this.kept) {
        const rev = revs.get(id);
        // Held at that state or newer, or not held at all (a skip needs a local copy): done.
        if (rev === undefined || rev >= state.rev) this.kept.delete(id);
        else behind.push(doc);
      }
      if (behind.length > 0 && !this.stopped) this.options.redeliver(behind);
    }
    if (this.kept.size === 0) return;
    // Kept until the replica holds them: a local write still pending skips them again.
    this.wait = Math.min(this.wait * 2, CHECK_MAX_MS);
    this.checkSoon(false);
  }
}
