// The automatic lock of a shared workstation: polls how long the machine (or page) has been idle
// and calls onLock once when the limit is reached; input afterwards re-arms it.
export interface LockTimerOptions {
  getIdleSeconds(): Promise<number>;
  lockAfterSeconds: number;
  onLock(): void;
  pollSeconds?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (id: unknown) => void;
}

export function startLockTimer(options: LockTimerOptions): () => void {
  const every = (options.pollSeconds ?? 10) * 1000;
  const set = options.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
  const clear = options.clearInterval ?? ((id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>));
  let locked = false;
  let busy = false;
  const id = set(() => {
    if (busy) return;
    busy = true;
    options
      .getIdleSeconds()
      .then((idle) => {
        if (idle >= options.lockAfterSeconds && !locked) {
          locked = true;
          options.onLock();
        } else if (idle < options.lockAfterSeconds) {
          locked = false;
        }
      })
      .catch(() => undefined) // no answer this round: ask again at the next tick
      .finally(() => {
        busy = false;
      });
  }, every);
  return () => clear(id);
}
