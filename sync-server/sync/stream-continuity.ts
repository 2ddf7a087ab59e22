// Proves, per reader, that a change event directly follows the previous one it got for that
// collection: sequence numbers are dense (one per write, taken inside the write's transaction),
// so when the hub has seen every seq in order, nothing the reader may read happened in between.
// A workstation whose checkpoint is the previous event's then takes the event's document and
// checkpoint without pulling again; anything unproven falls back to a pull, as before.
export class StreamContinuity<Client extends object> {
  private seenUpTo: number | undefined;
  /** Per reader: collection → seq of the last event it was sent. Missing means unknown. */
  private lastSent = new WeakMap<Client, Map<string, number>>();

  /** Takes the next notice's seq; false after a gap or a reordering, which forgets every reader's position. */
  observe(seq: number): boolean {
    const contiguous = this.seenUpTo !== undefined && seq === this.seenUpTo + 1;
    if (!contiguous) this.forgetAll();
    this.seenUpTo = Math.max(this.seenUpTo ?? seq, seq);
    return contiguous;
  }

  /** Notices may have been missed: the next one proves nothing, and no reader's position is known. */
  reset(): void {
    this.seenUpTo = undefined;
    this.forgetAll();
  }

  forgetAll(): void {
    this.lastSent = new WeakMap();
  }

  /** The reader's scope changed: its next event of each collection is unproven. */
  forget(client: Client): void {
    this.lastSent.delete(client);
  }

  /**
   * Records that `seq` goes to `client`; returns the seq of the event it follows when `proven`
   * (the whole hub saw every seq up to this one) and that is known, else undefined.
   */
  send(client: Client, collection: string, seq: number, proven: boolean): number | undefined {
    let sent = this.lastSent.get(client);
    if (!sent) this.lastSent.set(client, (sent = new Map<string, number>()));
    const previous = proven ? sent.get(collection) : undefined;
    sent.set(collection, seq);
    return previous;
  }
}
