// Wires the lock timer to the host's idle time: the OS's in Electron, this page's input on the
// web (Date.now, so a test's fake clock drives it).
import type { BatonHost } from '../../shared/host';
import { createActivityTracker, idleSecondsSource } from './capabilities';
import { startLockTimer } from './lock-timer';

export interface AutoLockOptions {
  host: BatonHost;
  /** Where page input is seen (the window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  lockAfterSeconds: number;
  onLock(): void;
  now?: () => number;
  pollSeconds?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (id: unknown) => void;
}

export function startAutoLock(options: AutoLockOptions): () => void {
  const tracker = createActivityTracker(options.target, options.now ?? (() => Date.now()));
  const stopTimer = startLockTimer({
    getIdleSeconds: idleSecondsSource(options.host, tracker),
    lockAfterSeconds: options.lockAfterSeconds,
    onLock: options.onLock,
    pollSeconds: options.pollSeconds ?? 5,
    setInterval: options.setInterval,
    clearInterval: options.clearInterval,
  });
  return () => {
    stopTimer();
    tracker.stop();
  };
}

/** The location's limit; a workstation file (Electron) may only make it shorter. */
export function lockAfterSeconds(lockAfterMinutes: number, workstationIdleLockSeconds?: number): number {
  const location = lockAfterMinutes * 60;
  return workstationIdleLockSeconds ? Math.min(location, workstationIdleLockSeconds) : location;
}
