// Sign-in rate limiting: failed attempts per username and per client address in a sliding window.
// Kept in this process's memory, which is right for the embedded single-instance server. With
// several instances behind a load balancer each counts on its own, so an attacker gets up to
// (instances x limit) tries per window; a shared counter (e.g. a PostgreSQL table) would close that.
// The address is the socket's peer address (Fastify's request.ip): behind a reverse proxy every
// request would share the proxy's address until trustProxy is configured.

export interface LimitOptions {
  /** Failures allowed in the window; the next attempt is refused. */
  limit: number;
  windowMs: number;
}

export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: LimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const times = this.recent(key);
    if (times.length < this.options.limit) return 0;
    // Allowed again once enough of the oldest failures have left the window.
    return Math.max(1, times[times.length - this.options.limit] + this.options.windowMs - this.now());
  }

  /** Records a failure; true when it used up the allowance. */
  fail(key: string): boolean {
    const times = this.recent(key);
    times.push(this.now());
    this.failures.set(key, times);
    if (this.failures.size > 50_000) this.prune();
    return times.length === this.options.limit;
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}

export interface SignInLimits {
  perUser: LimitOptions;
  perAddress: LimitOptions;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perUser: { limit: 5, windowMs: 5 * 60_000 },
  perAddress: { limit: 30, windowMs: 5 * 60_000 },
};

export class SignInLimiter {
  private readonly users: FailureWindow;
  private readonly addresses: FailureWindow;
  private readonly sweep: ReturnType<typeof setInterval>;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, now: () => number = Date.now) {
    this.users = new FailureWindow(limits.perUser, now);
    this.addresses = new FailureWindow(limits.perAddress, now);
    this.sweep = setInterval(() => {
      this.users.prune();
      this.addresses.prune();
    }, 60_000);
    this.sweep.unref();
  }

  /** Why and for how long this attempt must wait, or undefined when it may go ahead. */
  check(username: string, address: string): { scope: 'user' | 'address'; retryAfterSeconds: number } | undefined {
    const byAddress = this.addresses.retryAfterMs(address);
    if (byAddress > 0) return { scope: 'address', retryAfterSeconds: Math.ceil(byAddress / 1000) };
    const byUser = this.users.retryAfterMs(username.toLowerCase());
    if (byUser > 0) return { scope: 'user', retryAfterSeconds: Math.ceil(byUser / 1000) };
    return undefined;
  }

  /** Counts a failed attempt; says which allowance it used up, if any. */
  failure(username: string | undefined, address: string): { userLimitReached: boolean; addressLimitReached: boolean } {
    return {
      userLimitReached: username ? this.users.fail(username.toLowerCase()) : false,
      addressLimitReached: this.addresses.fail(address),
    };
  }

  success(username: string): void {
    this.users.reset(username.toLowerCase());
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
