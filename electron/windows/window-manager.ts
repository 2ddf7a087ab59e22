// At most one board and one approval window; asking for an open one brings it forward.
import type { WindowKind } from '../../shared/ipc/schemas';

export interface WindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  once(event: 'closed', listener: () => void): void;
}

export function wantsApprovalWindow(argv: readonly string[]): boolean {
  return argv.includes('--approval');
}

/** What a second launch sends the first one (`requestSingleInstanceLock`'s additionalData). */
export interface LaunchRequest {
  approval: boolean;
}

/** Chromium may reorder or drop switches in the argv a second launch forwards: prefer the data. */
export function secondLaunchArgv(argv: readonly string[], data: unknown): readonly string[] {
  const approval = typeof data === 'object' && data !== null && (data as Partial<LaunchRequest>).approval === true;
  return approval ? [...argv, '--approval'] : argv;
}

export function createWindowManager<W extends WindowLike>(open: (kind: WindowKind) => W) {
  const windows = new Map<WindowKind, W>();

  function show(kind: WindowKind): W {
    const existing = windows.get(kind);
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const win = open(kind);
    windows.set(kind, win);
    win.once('closed', () => {
      if (windows.get(kind) === win) windows.delete(kind);
    });
    return win;
  }

  return {
    show,
    /** A second launch: the approval window if asked for, else whatever is open (the board if nothing). */
    onSecondLaunch(argv: readonly string[]): W {
      if (wantsApprovalWindow(argv)) return show('approval');
      const open = [...windows.keys()].find((k) => !windows.get(k)!.isDestroyed());
      return show(open ?? 'board');
    },
    get: (kind: WindowKind) => windows.get(kind),
  };
}
