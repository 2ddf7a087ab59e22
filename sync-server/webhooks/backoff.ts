// When a failed delivery is tried again: exponential backoff with full jitter, capped, until the
// give-up window (24 hours from the event's delivery being queued) has passed.
export interface RetryPolicy {
  /** The first retry's ceiling; each next one doubles it. */
  firstRetryMs: number;
  /** No retry waits longer than this. */
  maxRetryMs: number;
  /** After this long since the delivery was queued, a failure is final. */
  giveUpAfterMs: number;
  /** An attempt without an answer by then counts as failed. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstRetryMs: 30_000,
  maxRetryMs: 60 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
  timeoutMs: 10_000,
};

/**
 * The next attempt's time after the `attempts`-th failed one (1 = the first), or undefined when the
 * delivery gives up. Jitter spreads the retries of many deliveries that failed together (a receiver
 * down for an hour) so they do not all come back at once; half the wait is kept, so it grows.
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  queuedAt: number,
  failedAt: number,
  attempts: number,
  random: () => number = Math.random,
): number | undefined {
  const ceiling = Math.min(policy.maxRetryMs, policy.firstRetryMs * 2 ** Math.min(attempts - 1, 30));
  const next = failedAt + ceiling / 2 + random() * (ceiling / 2);
  const deadline = queuedAt + policy.giveUpAfterMs;
  if (failedAt >= deadline) return undefined;
  // The last try falls at the deadline, not past it.
  return Math.min(next, deadline);
}
