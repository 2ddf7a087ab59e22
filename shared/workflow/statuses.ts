// What each status means and what must be true to leave it: shown where a user moves a task.
import type { TaskStatus } from '../task';

export interface StatusInfo {
  meaning: string;
  exitCriteria: string;
  /** Open work counts toward workload and aging; finished work does not. */
  open: boolean;
}

export const STATUS_INFO: Record<TaskStatus, StatusInfo> = {
  new: { meaning: 'Just filed; waiting in triage.', exitCriteria: 'Category and priority confirmed and one owner assigned.', open: true },
  ready: { meaning: 'Triaged and assigned; not started.', exitCriteria: 'The owner starts work.', open: true },
  in_progress: {
    meaning: 'The owner is working it.',
    exitCriteria: 'Checklist done, then sent to review (if the type needs sign-off) or marked done; or set waiting with a reason.',
    open: true,
  },
  waiting: {
    meaning: 'Blocked on the patient, an insurer, a provider or something else.',
    exitCriteria: 'What it waited on arrived: the owner resumes it.',
    open: true,
  },
  needs_review: { meaning: 'Waiting for sign-off.', exitCriteria: 'A reviewer of the right role picks it up or decides.', open: true },
  in_review: {
    meaning: 'A reviewer is deciding.',
    exitCriteria: 'Approved, rejected with a reason code, or sent back for more information with a reason.',
    open: true,
  },
  approved: { meaning: 'Signed off.', exitCriteria: 'The owner finishes the follow-through and marks it done (or closes it).', open: true },
  rejected: { meaning: 'Turned down at review, with a reason code.', exitCriteria: 'Closed, or reopened with a reason.', open: true },
  needs_info: {
    meaning: 'Sent back to the owner for more information.',
    exitCriteria: 'The owner adds what was asked and resumes it.',
    open: true,
  },
  done: {
    meaning: 'The work is complete.',
    exitCriteria: 'Closed (follow-ups are created on close), or reopened with a reason.',
    open: false,
  },
  closed: { meaning: 'Finished and filed.', exitCriteria: 'Only reopened, with a reason.', open: false },
};

export const isOpenStatus = (status: TaskStatus) => STATUS_INFO[status].open;
