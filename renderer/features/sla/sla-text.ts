// How an SLA state reads on a card: time left, paused since, breached by; and what a task waits on.
import type { SlaStatus } from '../../../shared/sla/clock';
import { waitingOnPhrase } from '../../catalog/practice-labels';

/** Business time as "3h 05m", "45m" or "<1m". */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(Math.abs(seconds) / 60);
  if (minutes < 1) return '<1m';
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
}

export function slaChipText(sla: SlaStatus, formatTime: (iso: string) => string): string {
  const start = sla.clock === 'first_touch' ? ' to start' : ' left';
  switch (sla.state) {
    case 'on_track':
    case 'at_risk':
      return `${formatDuration(sla.leftSeconds)}${start}`;
    case 'breached':
      return `Breached by ${formatDuration(sla.leftSeconds)}`;
    case 'paused':
      return `Paused since ${formatTime(sla.pausedSince)}`;
    case 'met':
      return 'SLA met';
    case 'missed':
      return 'SLA missed';
  }
}

/** "Waiting on the patient since …", "Needs info since …"; '' when it waits on nothing. */
export function waitingText(sla: Pick<SlaStatus, 'waitingOn' | 'waitingSince'>, formatTime: (iso: string) => string): string {
  if (!sla.waitingSince) return '';
  if (sla.waitingOn === 'needs_info') return `Needs info since ${formatTime(sla.waitingSince)}`;
  return `Waiting on ${waitingOnPhrase(sla.waitingOn)} since ${formatTime(sla.waitingSince)}`;
}

/** What the task waits on and since when: from its SLA clock, else from its status (types without targets). */
export function waitingOf(
  task: { status: string; waitingOn: string; statusSince: string },
  sla: Pick<SlaStatus, 'waitingOn' | 'waitingSince'> | null,
): Pick<SlaStatus, 'waitingOn' | 'waitingSince'> {
  if (sla) return sla;
  if (task.status === 'needs_info') return { waitingOn: 'needs_info', waitingSince: task.statusSince };
  if (task.status === 'waiting')
    return { waitingOn: (task.waitingOn || 'other') as SlaStatus['waitingOn'], waitingSince: task.statusSince };
  return { waitingOn: '', waitingSince: '' };
}
