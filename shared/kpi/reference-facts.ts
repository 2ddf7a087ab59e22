// The figures' facts worked out the plain way (replay the moves, then the stretches, then each
// figure): the reference the optimised single pass in facts.ts is checked against (facts.test.ts).
import { isOpenStatus } from '../workflow/statuses';
import { openFacts, PAUSED_STATUSES, REASON_KIND_OF_STATUS, type KpiTask, type TaskFacts, type Window } from './facts';
import { createdTime, replayTask, stretchesOf } from './replay';
import { addSlaFacts } from './sla-facts';
import type { TaskStatus } from '../task';

const FINISHED = (s: TaskStatus) => !isOpenStatus(s);
const REVIEW_FROM: readonly TaskStatus[] = ['needs_review', 'in_review'];
const DECISION_TO: readonly TaskStatus[] = ['approved', 'rejected', 'needs_info'];
const REOPENED_FROM: readonly TaskStatus[] = ['done', 'closed', 'rejected'];
const inWindow = (t: number, w: Window) => t >= w.from && t < w.to;

export function referenceTaskFacts(task: KpiTask, w: Window): TaskFacts {
  const created = createdTime(task);
  const { initial, transitions } = replayTask(task);
  const stretches = stretchesOf(initial, created, transitions);
  const facts = openFacts(task, created, w);
  let sentToReview: number | undefined;
  let leftTriage = false;
  for (const move of transitions) {
    const here = inWindow(move.at, w);
    if (move.to === 'rejected' || move.to === 'needs_info') facts.reworked = true;
    const reopen = REOPENED_FROM.includes(move.from) && move.to === 'in_progress';
    if (reopen) facts.reopened = true;
    if (move.from === 'new' && !leftTriage) {
      leftTriage = true;
      if (here) facts.triageMs = move.at - created;
    }
    if (move.to === 'needs_review') sentToReview = move.at;
    if (REVIEW_FROM.includes(move.from) && DECISION_TO.includes(move.to) && sentToReview !== undefined && here) {
      facts.decisions.push({ reviewerId: move.actorId, ms: move.at - sentToReview });
    }
    if (!here) continue;
    const kind = REASON_KIND_OF_STATUS[move.to] ?? (reopen ? 'reopen' : undefined);
    if (kind) facts.reasons.push({ kind, code: move.reasonCode });
    if (!FINISHED(move.from) && FINISHED(move.to)) facts.completedAt = move.at;
  }
  for (const s of stretches) {
    if (s.end !== undefined && inWindow(s.end, w)) facts.stages.push({ status: s.status, ms: s.end - s.start });
  }
  if (facts.completedAt !== undefined) {
    const done = facts.completedAt;
    facts.completedDay = w.wall(done).date;
    facts.cycleMs = done - created;
    const paused = stretches
      .filter((s) => PAUSED_STATUSES.includes(s.status))
      .reduce((sum, s) => sum + Math.max(0, Math.min(s.end ?? done, done) - s.start), 0);
    facts.activeCycleMs = facts.cycleMs - paused;
  }
  addSlaFacts(facts, w);
  return facts;
}
