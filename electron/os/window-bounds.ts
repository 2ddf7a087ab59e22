// Puts a window back where the user left it, unless that place is no longer on any screen (a
// laptop undocked, a monitor gone): then the default size, centred on the primary display.
import type { WindowBounds } from '../../shared/ipc/schemas';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  workArea: Rect;
}

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** The title bar area must be visible enough to grab: at least this much of the window on one display. */
const MIN_VISIBLE = 100 * 50;

export function restoreBounds(
  saved: WindowBounds | undefined,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
  size: { width: number; height: number },
): WindowBounds {
  if (saved) {
    const host = displays.find((d) => overlap(saved, d.workArea) >= MIN_VISIBLE);
    if (host) {
      const area = host.workArea;
      const width = Math.min(saved.width, area.width);
      const height = Math.min(saved.height, area.height);
      // Keep the top edge on screen so the window can always be moved.
      const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - 50);
      return { x: saved.x, y, width, height, ...(saved.maximized ? { maximized: true } : {}) };
    }
  }
  const area = primary.workArea;
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}
