import { describe, expect, it } from 'vitest';
import { badgeView } from './badge';
import { restoreBounds } from './window-bounds';

const primary = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const right = { workArea: { x: 1920, y: 0, width: 1280, height: 1000 } };
const size = { width: 1400, height: 900 };

describe('window bounds', () => {
  it('restores a place that is still on a display', () => {
    expect(restoreBounds({ x: 2000, y: 40, width: 1000, height: 700 }, [primary, right], primary, size)).toEqual({
      x: 2000,
      y: 40,
      width: 1000,
      height: 700,
    });
    expect(restoreBounds({ x: 10, y: 10, width: 1000, height: 700, maximized: true }, [primary], primary, size)).toMatchObject({
      maximized: true,
    });
  });

  it('centres on the primary display when the saved display is gone', () => {
    expect(restoreBounds({ x: 2000, y: 40, width: 1000, height: 700 }, [primary], primary, size)).toEqual({
      x: 260,
      y: 70,
      width: 1400,
      height: 900,
    });
    expect(restoreBounds(undefined, [primary], primary, size)).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
  });

  it('shrinks to the display and keeps the title bar reachable', () => {
    expect(restoreBounds({ x: 100, y: -400, width: 4000, height: 3000 }, [primary], primary, size)).toEqual({
      x: 100,
      y: 0,
      width: 1920,
      height: 1040,
    });
  });

  it('fits the default into a small screen', () => {
    const small = { workArea: { x: 0, y: 0, width: 1280, height: 720 } };
    expect(restoreBounds(undefined, [small], small, size)).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });
});

describe('badge', () => {
  it('shows the counts and nothing else', () => {
    expect(badgeView({ needsMyApproval: 4, overdue: 2 })).toEqual({
      badgeCount: 4,
      tooltip: 'Baton: Needs my approval: 4, Overdue: 2',
      menu: { needsMyApproval: 'Needs my approval: 4', overdue: 'Overdue: 2' },
    });
    expect(badgeView({ needsMyApproval: 0, overdue: 0 }).tooltip).toBe('Baton');
  });
});
