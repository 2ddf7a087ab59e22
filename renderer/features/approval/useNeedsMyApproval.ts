// How many items wait for the signed-in user's sign-off: the approval window's queue, counted
// (the board's "Needs my approval" tab shows the same number).
import { combineLatest, map } from 'rxjs';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { practiceConfig$ } from '../../db/config';
import { useObservable } from '../../ui/hooks/useObservable';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import { approvalQueue } from './approval';
import { awaitingReview$ } from './approval-store';

export function useNeedsMyApproval(): number {
  const { workspace } = useWorkspace();
  const actor = useWorkflowActor();
  return useObservable(
    () =>
      combineLatest([awaitingReview$(workspace.db), practiceConfig$(workspace.db)]).pipe(
        map(([awaiting, config]) => approvalQueue(awaiting, actor, config).length),
      ),
    0,
    [workspace.db, actor],
  );
}
