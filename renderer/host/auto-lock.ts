// Wires the lock timer to the host's idle time: the OS's in Electron, this page's input on the
// web (Date.now, so a test's fake clock drives it). On the web, windows of the app share their
// input, so working in the approval window keeps an idle board window from locking both.
import type { BatonHost } from '../../shared/host';
import { createActivityTracker, idleSecondsSource } from './capabilities';
import { startLockTimer } from './lock-timer';

/** At most one "still here" message per window in this time. */
const SHARE_EVERY_MS = 10_000;

/** A channel between the windows of the app that carries "someone typed here". */
export interface ActivityChannel {
  announce(): void;
  subscribe(onActivity: () => void): () => void;
}

export interface AutoLockOptions {
  host: BatonHost;
  /** Where page input is seen (the window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  lockAfterSeconds: number;
  onLock(): void;
  /** Web host only: opens the channel to the other windows' input (not opened where the OS tells idle time). */
  shared?: () => ActivityChannel | undefined;
  now?: () => number;
  pollSeconds?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (id: unknown) => void;
}

export function startAutoLock(options: AutoLockOptions): () => void {
  const now = options.now ?? (() => Date.now());
  const shared = options.host.getIdleSeconds ? undefined : options.shared?.();
  let lastShared = -Infinity;
  const share = () => {
    if (now() - lastShared < SHARE_EVERY_MS) return;
    lastShared = now();
    shared?.announce();
  };
  const tracker = createActivityTracker(options.target, now, shared ? share : undefined);
  const stopTimer = startLockTimer({
    getIdleSeconds: idleSecondsSource(options.host, tracker),
    lockAfterSeconds: options.lockAfterSeconds,
    onLock: options.onLock,
    pollSeconds: options.pollSeconds ?? 5,
    setInterval: options.setInterval,
    clearInterval: options.clearInterval,
  });
  const unsubscribe = shared?.subscribe(tracker.touch);
  return () => {
    stopTimer();
    tracker.stop();
    unsubscribe?.();
  };
}

/** Web: a BroadcastChannel between the windows of this origin (none where there is no such API). */
export function browserActivityChannel(name = 'baton.activity'): ActivityChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(name);
  return {
    announce: () => channel.postMessage('active'),
    subscribe(onActivity) {
      const handler = (event: MessageEvent) => {
        if (event.data === 'active') onActivity();
      };
      channel.addEventListener('message', handler);
      return () => {
        channel.removeEventListener('message', handler);
        channel.close();
      };
    },
  };
}

/** The location's limit; a workstation file (Electron) may only make it shorter. */
export function lockAfterSeconds(lockAfterMinutes: number, workstationIdleLockSeconds?: number): number {
  const location = lockAfterMinutes * 60;
  return workstationIdleLockSeconds ? Math.min(location, workstationIdleLockSeconds) : location;
}
