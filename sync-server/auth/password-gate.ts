// A bound on simultaneous password work (argon2id at 64 MiB and 4 threads each): checks at sign-in
// and hashes of new passwords alike. A few run at once, the rest wait their turn, taken round-robin across client addresses, so one address's burst does not make
// a sign-in from another computer wait behind all of it. Past `maxWaiting` an attempt is turned
// away at once instead of queueing without end.
import { hashPassword, verifyPassword } from './passwords';

export type PasswordVerifier = (hash: string | undefined, password: string) => Promise<boolean>;

export class GateFull extends Error {}

export class PasswordGate {
  private running = 0;
  private waitingCount = 0;
  /** Waiters by address; a Map keeps insertion order, which makes the round robin. */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly options: {
      slots: number;
      maxWaiting: number;
      verify?: PasswordVerifier;
      hash?: (password: string) => Promise<string>;
    } = { slots: 2, maxWaiting: 500 },
  ) {}

  /** Checks `password` against `hash` (undefined: no such user, still costs the same) in turn. */
  verify(address: string, hash: string | undefined, password: string): Promise<boolean> {
    return this.run(address, () => (this.options.verify ?? verifyPassword)(hash, password));
  }

  /** Hashes a new password in turn. */
  hash(address: string, password: string): Promise<string> {
    return this.run(address, () => (this.options.hash ?? hashPassword)(password));
  }

  private async run<T>(address: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(address);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(address: string): Promise<void> {
    if (this.running < this.options.slots && this.waitingCount === 0) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waitingCount >= this.options.maxWaiting) return Promise.reject(new GateFull('too many sign-ins waiting'));
    this.waitingCount++;
    return new Promise((resolve) => {
      const queue = this.waiting.get(address) ?? [];
      queue.push(resolve);
      this.waiting.set(address, queue);
    });
  }

  private release(): void {
    const next = this.waiting.entries().next();
    if (next.done) {
      this.running--;
      return;
    }
    const [address, queue] = next.value;
    const resolve = queue.shift()!;
    // This address goes to the back of the line; the slot passes straight to the waiter.
    this.waiting.delete(address);
    if (queue.length) this.waiting.set(address, queue);
    this.waitingCount--;
    resolve();
  }
}
