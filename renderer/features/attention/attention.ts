// What needs the signed-in user's attention, as counts only (they go to the tray badge and to OS
// notifications, which must never carry PHI).
import { combineLatest, map, switchMap, timer, type Observable } from 'rxjs';
import type { BadgeCounts } from '../../../shared/ipc/schemas';
import { TASK_STATUSES } from '../../../shared/task';
import { isOpenStatus } from '../../../shared/workflow/statuses';
import type { Role } from '../../../shared/wire';
import type { BatonDatabase } from '../../db/database';
import { approvalQueue } from '../approval';
import { awaitingReview$ } from '../approval';
import { practiceConfig$ } from '../../db/config';

const OPEN_STATUSES = TASK_STATUSES.filter(isOpenStatus);
const RECOUNT_OVERDUE_MS = 60_000;

/** The user's own open tasks past due, recounted every minute as time passes. */
function myOverdueCount$(db: BatonDatabase, userId: string): Observable<number> {
  return timer(0, RECOUNT_OVERDUE_MS).pipe(
    switchMap(() =>
      // Not count(): RxDB refuses a count its indexes cannot answer alone (QU14 in the browser).
      db.tasks
        .find({ selector: { ownerId: userId, status: { $in: OPEN_STATUSES }, dueAt: { $lt: new Date().toISOString() } } })
        .$.pipe(map((docs) => docs.length)),
    ),
  );
}

export function attentionCounts$(db: BatonDatabase, user: { id: string; roles: readonly Role[] }): Observable<BadgeCounts> {
  return combineLatest([awaitingReview$(db), practiceConfig$(db), myOverdueCount$(db, user.id)]).pipe(
    map(([awaiting, config, overdue]) => ({ needsMyApproval: approvalQueue(awaiting, user, config).length, overdue })),
  );
}

/** Notify only when more items wait for this user than before (never on the first count). */
export function newlyWaiting(previous: BadgeCounts | undefined, next: BadgeCounts): number {
  return previous && next.needsMyApproval > previous.needsMyApproval ? next.needsMyApproval : 0;
}
