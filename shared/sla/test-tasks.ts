// Tasks with a history, for the SLA clock's tests: the shape the server's stamp writes.
import type { HistoryEntry, TaskStatus, WaitingOn } from '../task';
import type { SlaTask } from './clock';

export interface Step {
  at: number;
  status: TaskStatus;
  waitingOn?: WaitingOn;
}

/** A task created at `start` in `initial`, then moved through `steps` (each a server-accepted write). */
export function taskWithHistory(start: number, initial: TaskStatus, steps: Step[] = [], initialWaitingOn: WaitingOn = ''): SlaTask {
  let state = { status: initial, waitingOn: initialWaitingOn };
  const created = [
    { field: 'status', from: '', to: initial },
    ...(initialWaitingOn ? [{ field: 'waitingOn', from: '', to: initialWaitingOn }] : []),
  ];
  const history: HistoryEntry[] = [
    { rev: 1, at: new Date(start).toISOString(), actorId: 'u', actorName: 'U', workstationId: '', kind: 'created', changes: created },
  ];
  steps.forEach((step, i) => {
    const next = { status: step.status, waitingOn: step.waitingOn ?? '' };
    const changes = (['status', 'waitingOn'] as const)
      .filter((f) => state[f] !== next[f])
      .map((f) => ({ field: f, from: state[f], to: next[f] }));
    history.push({
      rev: i + 2,
      at: new Date(step.at).toISOString(),
      actorId: 'u',
      actorName: 'U',
      workstationId: '',
      kind: 'updated',
      changes,
    });
    state = next;
  });
  return {
    status: state.status,
    waitingOn: state.waitingOn,
    createdAt: new Date(start).toISOString(),
    updatedAt: history[history.length - 1].at,
    pendingSync: false,
    history,
  };
}
