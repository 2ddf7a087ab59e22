import { describe, expect, it } from 'vitest';
import type { WindowKind } from '../../shared/ipc/schemas';
import { createWindowManager, secondLaunchArgv, wantsApprovalWindow, type WindowLike } from './window-manager';

class FakeWindow implements WindowLike {
  destroyed = false;
  minimized = false;
  focused = 0;
  private closed: (() => void)[] = [];
  constructor(readonly kind: WindowKind) {}
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  restore = () => void (this.minimized = false);
  show = () => undefined;
  focus = () => void this.focused++;
  once = (_e: 'closed', l: () => void) => void this.closed.push(l);
  close() {
    this.destroyed = true;
    this.closed.forEach((l) => l());
  }
}

describe('window manager', () => {
  it('keeps one window per kind and focuses it on a second request', () => {
    const opened: FakeWindow[] = [];
    const manager = createWindowManager((kind) => {
      const w = new FakeWindow(kind);
      opened.push(w);
      return w;
    });
    const board = manager.show('board');
    board.minimized = true;
    expect(manager.show('board')).toBe(board);
    expect(board).toMatchObject({ minimized: false, focused: 1 });
    expect(opened).toHaveLength(1);
    board.close();
    expect(manager.show('board')).not.toBe(board);
  });

  it('on a second launch focuses the open window, or opens the approval window when asked', () => {
    const manager = createWindowManager((kind) => new FakeWindow(kind));
    const board = manager.show('board');
    expect(manager.onSecondLaunch(['baton'])).toBe(board);
    expect(board.focused).toBe(1);
    const approval = manager.onSecondLaunch(['baton', '--approval']);
    expect(approval.kind).toBe('approval');
    board.close();
    expect(manager.onSecondLaunch(['baton'])).toBe(approval);
  });

  it('reads the flag', () => {
    expect(wantsApprovalWindow(['/opt/Baton/baton', '--approval'])).toBe(true);
    expect(wantsApprovalWindow(['/opt/Baton/baton', '--approval=no'])).toBe(false);
    expect(wantsApprovalWindow(secondLaunchArgv(['baton'], { approval: true }))).toBe(true);
    expect(wantsApprovalWindow(secondLaunchArgv(['baton'], { approval: 'yes' }))).toBe(false);
    expect(wantsApprovalWindow(secondLaunchArgv(['baton', '--approval'], undefined))).toBe(true);
  });
});
