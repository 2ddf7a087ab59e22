import { describe, expect, it, vi } from 'vitest';
import { lockAfterSeconds, startAutoLock } from './auto-lock';
import { createWebHost } from './web';
import { memoryStorage } from '../keyring/memory-storage';

function manualInterval() {
  let tick: () => void = () => undefined;
  const cleared = vi.fn();
  return {
    setInterval: (fn: () => void) => (tick = fn),
    clearInterval: cleared,
    cleared,
    tick: async () => {
      tick();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('automatic lock', () => {
  it('locks the web host after the limit of no page input, measured with the clock it is given', async () => {
    let now = 1_000_000;
    const target = new EventTarget();
    const onLock = vi.fn();
    const timer = manualInterval();
    const stop = startAutoLock({ host: createWebHost(memoryStorage()), target, lockAfterSeconds: 300, onLock, now: () => now, ...timer });
    now += 299_000;
    await timer.tick();
    expect(onLock).not.toHaveBeenCalled();
    // Input re-arms the wait.
    target.dispatchEvent(new Event('pointerdown'));
    now += 200_000;
    await timer.tick();
    expect(onLock).not.toHaveBeenCalled();
    now += 100_000;
    await timer.tick();
    expect(onLock).toHaveBeenCalledTimes(1);
    stop();
    expect(timer.cleared).toHaveBeenCalled();
    // Stopped: input is no longer watched.
    target.dispatchEvent(new Event('keydown'));
  });

  it('asks the desktop host for the machine’s idle time', async () => {
    const onLock = vi.fn();
    const timer = manualInterval();
    let idle = 10;
    const host = { ...createWebHost(memoryStorage()), kind: 'electron' as const, getIdleSeconds: async () => idle };
    const stop = startAutoLock({ host, target: new EventTarget(), lockAfterSeconds: 120, onLock, ...timer });
    await timer.tick();
    idle = 121;
    await timer.tick();
    expect(onLock).toHaveBeenCalledTimes(1);
    stop();
  });

  it('takes the location’s minutes, shortened by a stricter workstation file', () => {
    expect(lockAfterSeconds(5)).toBe(300);
    expect(lockAfterSeconds(15, 300)).toBe(300);
    expect(lockAfterSeconds(2, 300)).toBe(120);
  });
});
