// Locks held across the windows and workers of one origin, for the writers of one replica.

/** Runs `fn` while holding the lock `name`, across every window of the origin. */
export type LockRunner = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** A lock of this page only, for runtimes without Web Locks (Node tests). */
export function pageLocks(): LockRunner {
  const tails = new Map<string, Promise<unknown>>();
  return (name, fn) => {
    const run = (tails.get(name) ?? Promise.resolve()).then(fn, fn);
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
}

/** Where there are no Web Locks: one page-wide lock per name, shared like Web Locks by every user of the page. */
let pageWide: LockRunner | undefined;

/** Web Locks where there are some (across the origin's windows and workers), else the page's own. */
export function defaultLocks(): LockRunner {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  return locks ? <T>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T> : (pageWide ??= pageLocks());
}
