// Thin wiring: the tray icon with the two counts, and the dock/taskbar badge.
import { app, Menu, nativeImage, Tray } from 'electron';
import type { BadgeCounts, WindowKind } from '../../shared/ipc/schemas';
import { badgeView } from '../os/badge';
import { TRAY_ICON_DATA_URL } from '../os/tray-icon';

export function createTray(show: (kind: WindowKind) => void) {
  const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL));
  const render = (counts: BadgeCounts) => {
    const view = badgeView(counts);
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: view.menu.needsMyApproval, click: () => show('approval') },
        { label: view.menu.overdue, click: () => show('board') },
        { type: 'separator' },
        { label: 'Open board', click: () => show('board') },
        { label: 'Open approvals', click: () => show('approval') },
        { type: 'separator' },
        { label: 'Quit Baton', role: 'quit' },
      ]),
    );
    app.setBadgeCount(view.badgeCount); // macOS dock, Linux launchers; Windows shows the tray tooltip
  };
  tray.on('click', () => show('board'));
  render({ needsMyApproval: 0, overdue: 0 });
  return { setCounts: render, destroy: () => tray.destroy() };
}
