// Sign-in rate limiting: failed attempts in sliding windows, per person and address pair (5 in 5
// minutes), per person over a longer window (a ceiling against guessing from many addresses), and
// per address (spraying many names). An attempt is reserved (counted as a failure) before its
// password is checked, so simultaneous attempts cannot all pass the check; a success gives its
// reservation back. A stranger's failures lock a person out only from the stranger's address, until
// the stranger reaches the per-person ceiling, which takes several addresses.
//
// SignInLimiter keeps them in this process's memory, which is right for the embedded
// single-instance server on SQLite. On PostgreSQL, where several instances may stand behind a load
// balancer, SharedSignInLimiter (shared-rate-limit.ts) keeps the same windows in the database, so
// an attacker gets one allowance, not one per instance.
// The address is the socket's peer address (Fastify's request.ip): behind a reverse proxy every
// request would share the proxy's address until trustProxy is configured.
// Hand-written, not @fastify/rate-limit (http/request-limits.ts uses it for a plain request ceiling):
// the plugin counts requests, not failures, cannot give a success back or key by the person named in the body, nor share its windows through PostgreSQL.

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

  /** Records a failure at `at`; true when it used up the allowance. */
  fail(key: string, at = this.now()): boolean {
    const times = this.recent(key);
    times.push(at);
    this.failures.set(key, times);
    if (this.failures.size > 50_000) this.prune();
    return times.length === this.options.limit;
  }

  /** Takes back one failure recorded at `at` (a reserved attempt that succeeded). */
  unfail(key: string, at: number): void {
    const times = this.failures.get(key);
    const i = times?.indexOf(at) ?? -1;
    if (i < 0) return;
    times!.splice(i, 1);
    if (times!.length === 0) this.failures.delete(key);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  prune(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}

export interface SignInLimits {
  /** One person from one address: what a mistyping person (or a stranger at one computer) gets. */
  perPair: LimitOptions;
  /** One person from anywhere, over a longer window: the ceiling on guessing one account. */
  perUser: LimitOptions;
  perAddress: LimitOptions;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perPair: { limit: 5, windowMs: 5 * 60_000 },
  perUser: { limit: 20, windowMs: 60 * 60_000 },
  perAddress: { limit: 30, windowMs: 5 * 60_000 },
};

export type LimitScope = 'pair' | 'user' | 'address';
export interface Refused {
  scope: LimitScope;
  retryAfterSeconds: number;
}

/** A reserved attempt: counted as failed until `succeeded` gives it back. */
export interface Attempt {
  /** The password was right: the reservation is taken back and the pair's failures cleared. */
  succeeded(): void | Promise<void>;
  /** Failed for a reason that says nothing about the person (e.g. the workstation): counts for the address only. */
  notAboutUser(): void | Promise<void>;
  /** Which allowance this failure used up, if any. */
  readonly limitReached: LimitScope | undefined;
}

/** What the sign-in routes use: in memory (one instance) or shared through the database. */
export interface SignInGate {
  /** Reserves an attempt (see SignInLimiter.attempt), or says why and for how long it must wait. */
  attempt(username: string, address: string): Attempt | Refused | Promise<Attempt | Refused>;
  close(): void;
}

export class SignInLimiter implements SignInGate {
  private readonly pairs: FailureWindow;
  private readonly users: FailureWindow;
  private readonly addresses: FailureWindow;
  private readonly sweep: ReturnType<typeof setInterval>;

  constructor(
    limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.pairs = new FailureWindow(limits.perPair, now);
    this.users = new FailureWindow(limits.perUser, now);
    this.addresses = new FailureWindow(limits.perAddress, now);
    this.sweep = setInterval(() => [this.pairs, this.users, this.addresses].forEach((w) => w.prune()), 60_000);
    this.sweep.unref();
  }

  /**
   * Reserves an attempt for `username` ('' when there is none, e.g. an enrollment code) from
   * `address`, or says why and for how long it must wait. Synchronous: two requests cannot both
   * see the last free place.
   */
  attempt(username: string, address: string): Attempt | Refused {
    const user = username.toLowerCase();
    const pair = `${user}\n${address}`;
    const checks: [LimitScope, FailureWindow, string][] = [['address', this.addresses, address]];
    if (user) checks.push(['pair', this.pairs, pair], ['user', this.users, user]);
    for (const [scope, window, key] of checks) {
      const wait = window.retryAfterMs(key);
      if (wait > 0) return { scope, retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    const at = this.now();
    const reached = checks.filter(([, window, key]) => window.fail(key, at)).map(([scope]) => scope);
    const give = (scopes: LimitScope[]) => {
      for (const [scope, window, key] of checks) if (scopes.includes(scope)) window.unfail(key, at);
    };
    return {
      limitReached: reached[0],
      succeeded: () => {
        give(['address', 'user']);
        this.pairs.reset(pair);
      },
      notAboutUser: () => give(['pair', 'user']),
    };
  }

  close(): void {
    clearInterval(this.sweep);
  }
}

export const isRefused = (result: Attempt | Refused): result is Refused => 'retryAfterSeconds' in result;
