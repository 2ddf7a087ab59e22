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
    const unwatched = vi.spyOn(target, 'removeEventListener');
    stop();
    expect(timer.cleared).toHaveBeenCalled();
    // Stopped: input is no longer watched.
    expect(unwatched.mock.calls.map(([name]) => name)).toEqual(expect.arrayContaining(['pointerdown', 'keydown']));
  });

  it('counts input in another window of the app on the web, announced at most every ten seconds', async () => {
    let now = 0;
    const listeners = new Set<() => void>();
    const announced = vi.fn();
    /** One window's end of the channel: what it announces reaches the other windows. */
    const channel = () => {
      let mine: (() => void) | undefined;
      return {
        announce: () => {
          announced();
          for (const l of listeners) if (l !== mine) l();
        },
        subscribe: (fn: () => void) => {
          mine = fn;
          listeners.add(fn);
          return () => listeners.delete(fn);
        },
      };
    };
    const board = { target: new EventTarget(), timer: manualInterval(), onLock: vi.fn() };
    const approval = { target: new EventTarget(), timer: manualInterval(), onLock: vi.fn() };
    const host = createWebHost(memoryStorage());
    const start = (w: typeof board) =>
      startAutoLock({ host, target: w.target, lockAfterSeconds: 300, onLock: w.onLock, shared: channel, now: () => now, ...w.timer });
    const stops = [start(board), start(approval)];
    for (let minute = 1; minute <= 6; minute++) {
      now = minute * 60_000;
      approval.target.dispatchEvent(new Event('keydown'));
      approval.target.dispatchEvent(new Event('pointermove'));
    }
    expect(announced).toHaveBeenCalledTimes(6);
    await board.timer.tick();
    await approval.timer.tick();
    expect(board.onLock).not.toHaveBeenCalled();
    expect(approval.onLock).not.toHaveBeenCalled();
    stops.forEach((stop) => stop());
    expect(listeners.size).toBe(0);
  });

  it('asks the desktop host for the machine’s idle time', async () => {
    const onLock = vi.fn();
    const timer = manualInterval();
    let idle = 10;
    const host = { ...createWebHost(memoryStorage()), kind: 'electron' as const, getIdleSeconds: async () => idle };
    const openChannel = vi.fn();
    const stop = startAutoLock({ host, target: new EventTarget(), lockAfterSeconds: 120, onLock, shared: openChannel, ...timer });
    await timer.tick();
    idle = 121;
    await timer.tick();
    expect(onLock).toHaveBeenCalledTimes(1);
    // The OS knows the idle time of every window: no channel between them is opened.
    expect(openChannel).not.toHaveBeenCalled();
    stop();
  });

  it('takes the location’s minutes, shortened by a stricter workstation file', () => {
    expect(lockAfterSeconds(5)).toBe(300);
    expect(lockAfterSeconds(15, 300)).toBe(300);
    expect(lockAfterSeconds(2, 300)).toBe(120);
  });
});
