// What the tray and dock show: the two counts a clinician or a team lead acts on. Numbers only.
import type { BadgeCounts } from '../../shared/ipc/schemas';

export interface BadgeView {
  /** Dock/taskbar badge (macOS, Linux Unity): the items that wait for me. */
  badgeCount: number;
  tooltip: string;
  menu: { needsMyApproval: string; overdue: string };
}

export function badgeView(counts: BadgeCounts): BadgeView {
  const approval = `Needs my approval: ${counts.needsMyApproval}`;
  const overdue = `Overdue: ${counts.overdue}`;
  return {
    badgeCount: counts.needsMyApproval,
    tooltip: counts.needsMyApproval + counts.overdue === 0 ? 'Baton' : `Baton: ${approval}, ${overdue}`,
    menu: { needsMyApproval: approval, overdue },
  };
}
