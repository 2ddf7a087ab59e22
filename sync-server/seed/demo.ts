// The demo practice: one location, one user per role, about 40 tasks of today in every status,
// and (BATON_DEMO_HISTORY_DAYS, 90 with `npm start`) the practice's past: see history.ts.
// Patient references are made up. Demo users exist only when the server runs with BATON_DEMO=1.
import { newId } from '../../shared/ids';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, TASK_STATUSES, type Task, type TaskStatus } from '../../shared/task';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import type { SyncContext } from '../sync/context';
import { configHandler } from '../sync/config';
import { demoConfigDocs, DEMO_LOCATION, DEMO_STAFF, DEMO_TASK_TYPES } from '../../shared/config/demo';
import { addBusinessMs, businessMsBetween } from '../../shared/sla/business-time';
import { taskWithStory, type Move } from '../../shared/kpi/story';
import { pushRows, storeNotifications } from '../sync/push';
import { writerOf } from '../sync/writer';
import { newNotification } from '../../shared/notifications/create';
import type { Notification } from '../../shared/notifications/schema';
import type { ChangeNotice } from '../storage/types';
import { configId } from '../../shared/config/schemas';
import { bucketsOfTask } from '../../shared/policy';
import { TaskWire } from '../../shared/task';
import { demoHistory, HISTORY_STAFF, WORKSTATIONS } from './history';

const DEMO_LOCATION_ID = 'loc-main';
const DEMO_PASSWORD = 'baton-demo';

const demoUserId = (username: string) => `u-${username}`;

/** Today's requests per task type: a title and the request in the caller's (or sender's) words. */
const REQUESTS: Record<string, [title: string, request: string][]> = {
  general: [
    ['Call back about visit question', "Patient asks for a call back: unsure whether to keep taking ibuprofen before Friday's visit."],
    ['Update patient contact details', 'Patient moved to Elm Street; new mobile number, old one no longer works.'],
  ],
  appointment_reschedule: [
    ['Reschedule follow-up visit', 'Cannot make Tuesday 9:40 follow-up (childcare); asks for any morning next week.'],
    ['Move annual physical to next week', 'Work conflict on Thursday; wants the physical after 3 pm next week, same provider.'],
    ['Cancel and rebook MRI consult', 'Imaging center moved the MRI to the 14th; the consult must come after it.'],
  ],
  missing_paperwork: [
    ['Intake packet missing insurance card', 'New patient packet came back without the insurance card copy (front and back).'],
    ['HIPAA acknowledgement not signed', 'Acknowledgement page left blank at check-in on Monday; patient back Thursday.'],
  ],
  portal_message: [
    ['Patient asks about refill status', 'Portal: "Sent my lisinopril refill request Monday, pharmacy still has nothing."'],
    ['Portal question about visit summary', 'Portal: asks what "follow up PRN" in the visit summary means and whether to book.'],
  ],
  prior_auth_follow_up: [
    ['Prior auth pending for MRI lumbar spine', 'Keystone Mutual portal shows pending; they want the last two office notes.'],
    ['Prior auth for CPAP supplies', 'Supplier says the CPAP mask and tubing need a new authorization from Medicare.'],
  ],
  outbound_referral: [
    ['Referral to cardiology', 'Dr. Chen refers for palpitations; send the ECG, last labs and medication list.'],
    ['Referral to physical therapy', 'Knee pain after fall; patient asks for PT near home, in network with Summit Care.'],
  ],
  inbound_referral: [
    ['Inbound referral from urgent care', 'Urgent care faxed a referral for blood pressure follow-up within a week.'],
    ['New patient referral from Dr. Patel', "Dr. Patel's office refers a new patient for diabetes care; records to follow."],
  ],
  records_request: [
    ['Records request from specialist office', 'Dermatology office asks for the last year of notes and the biopsy result.'],
    ['Patient requests immunization record', 'Needs the immunization record for school enrollment by Friday.'],
  ],
  claim_status_check: [
    ['Claim 4471 pending 45 days', 'Blue Valley Health shows claim 4471 in review since October; no letter received.'],
    ['Check status of denied lab claim', 'Lab claim for the lipid panel denied; payer portal gives no reason code.'],
  ],
  denial_follow_up: [
    ['Denial: missing modifier 25', 'E/M with same-day injection denied; resubmit with modifier 25 and the note.'],
    ['Denial: eligibility terminated', 'Payer says coverage ended last month; patient says the new card is in the mail.'],
  ],
  patient_balance_question: [
    ['Patient disputes balance after EOB', 'EOB says $40 patient share; statement shows $140. Patient asks which is right.'],
    ['Payment plan request', 'Asks to split the $620 balance over three months.'],
  ],
  coding_clarification: [
    ['Clarify E/M level for visit', 'Coder asks whether the Tuesday visit supports 99214 or 99213.'],
    ['ICD-10 code needed for referral', 'Cardiology referral went out without a diagnosis code; payer will not schedule.'],
  ],
  lab_result_follow_up: [
    ['Abnormal A1c result follow-up', 'A1c came back 8.9; Dr. Chen wants the patient called and a visit booked.'],
    ['Call patient with lipid panel results', 'Lipid panel normal; Dr. Raman asks to call the patient and mail a copy.'],
  ],
  provider_request: [
    ['Dr. Chen asks for wound care supplies order', "Dressings and saline for home wound care, delivery to the patient's address."],
    ['Schedule nurse visit for injection', 'B12 injection due next week; Dr. Webb asks for a nurse visit, any afternoon.'],
  ],
  supply_request: [
    ['Order otoscope covers', 'Exam rooms 1 to 4 are down to the last box of otoscope tips.'],
    ['Restock flu vaccine fridge log sheets', 'The vaccine fridge log binder has two days of sheets left.'],
  ],
  clinical_review_sign_off: [
    ['Sign off medication refill protocol', 'Refill of metformin 500 mg outside protocol (no A1c in 7 months); needs sign-off.'],
    ['Review outside lab before referral', 'Outside lab results need provider review before the endocrinology referral goes out.'],
  ],
  facilities_issue: [
    ['Exam room 3 light flickering', 'Overhead light in exam room 3 flickers all afternoon; hard to examine.'],
    ['Waiting room door sticks', 'Waiting room door sticks and needs a push; a patient with a walker could not open it.'],
  ],
};

const INITIALS = ['J.D.', 'M.R.', 'A.K.', 'L.P.', 'S.T.', 'R.B.', 'C.W.', 'E.H.', 'K.N.', 'T.G.'];

const REVIEW_STATUSES: TaskStatus[] = ['needs_review', 'in_review', 'approved', 'rejected', 'needs_info'];
const REASON_FOR: Partial<Record<TaskStatus, string>> = {
  waiting: 'payer_pending',
  rejected: 'not_medically_necessary',
  needs_info: 'need_clinical_notes',
};
const CHECKLIST_DONE: TaskStatus[] = ['needs_review', 'in_review', 'approved', 'rejected', 'needs_info', 'done', 'closed'];

/** The first person on the team that works `queue`. */
function teamOwner(queue: string): string {
  const person = DEMO_STAFF.find((p) => p.queues.includes(queue)) ?? DEMO_STAFF[0];
  return demoUserId(person.username);
}

/** Shares of the SLA target a demo task has used: on track, at risk, breached (or met, met, missed). */
const SLA_SHARES = [0.3, 0.85, 1.6];

/**
 * Filed far enough back, in the demo location's business hours, that the spread has every SLA
 * state whatever the day and hour the server first starts: new and ready tasks against their
 * first-touch target, the rest against resolution.
 */
function demoCreatedAt(status: TaskStatus, typeId: string, i: number, now: Date): string {
  const sla = DEMO_TASK_TYPES[typeId].sla!;
  const target = status === 'new' || status === 'ready' ? sla.firstTouchHours : sla.resolutionHours;
  const share = SLA_SHARES[Math.floor(i / TASK_STATUSES.length) % SLA_SHARES.length];
  return new Date(addBusinessMs(DEMO_LOCATION, now.getTime(), -share * target * 3600_000)).toISOString();
}

/** The statuses a demo task went through after triage to stand where it does today. */
const PATHS: Record<TaskStatus, TaskStatus[]> = {
  new: [],
  ready: ['ready'],
  in_progress: ['ready', 'in_progress'],
  waiting: ['ready', 'in_progress', 'waiting'],
  needs_review: ['ready', 'in_progress', 'needs_review'],
  in_review: ['ready', 'in_progress', 'needs_review', 'in_review'],
  approved: ['ready', 'in_progress', 'needs_review', 'in_review', 'approved'],
  rejected: ['ready', 'in_progress', 'needs_review', 'in_review', 'rejected'],
  needs_info: ['ready', 'in_progress', 'needs_review', 'in_review', 'needs_info'],
  done: ['ready', 'in_progress', 'done'],
  closed: ['ready', 'in_progress', 'done', 'closed'],
};
const REVIEW_MOVES: TaskStatus[] = ['in_review', 'approved', 'rejected', 'needs_info'];

/**
 * A demo task of today with the past that brought it where it stands: filed at its createdAt,
 * triaged by the front desk, worked by its owner, reviewed by the clinician, each move in business
 * hours, the last one at nine tenths of its open business time. Its SLA spread holds: the clock
 * runs from createdAt either way; new and ready tasks stay untouched.
 */
function withDemoStory(task: Task, now = new Date()): Task {
  const path = PATHS[task.status];
  const created = Date.parse(task.createdAt);
  const open = businessMsBetween(DEMO_LOCATION, created, now.getTime());
  const moves: Move[] = path.map((to, j) => ({
    at: addBusinessMs(DEMO_LOCATION, created, (0.9 * open * (j + 1)) / path.length),
    to,
    actorId: j === 0 ? demoUserId('frontdesk') : REVIEW_MOVES.includes(to) ? task.reviewerId || task.ownerId : task.ownerId,
    ...(j === 0 ? { ownerId: task.ownerId } : {}),
    ...(j === path.length - 1 && task.reasonCode ? { reasonCode: task.reasonCode } : {}),
  }));
  const filed: Task = { ...task, status: 'new', ownerId: '', reasonCode: '' };
  const name = DEMO_STAFF.find((p) => demoUserId(p.username) === task.createdBy)?.displayName ?? '';
  return taskWithStory(filed, moves, DEMO_TASK_TYPES[task.typeId], { id: task.createdBy, name }, (id) => WORKSTATIONS[id]);
}

/**
 * A deterministic spread of demo tasks, every status at least three times, each consistent with
 * its type's workflow (review statuses only on types that need sign-off, reasons where required).
 */
export function demoTasks(now = new Date()): Task[] {
  const hour = 3600_000;
  // Today's board uses the types it has requests for (types added later, such as medication refills, come with the history).
  const typeIds = Object.keys(DEMO_TASK_TYPES).filter((id) => REQUESTS[id]);
  const reviewTypes = typeIds.filter((id) => DEMO_TASK_TYPES[id].review.required);
  const plainTypes = typeIds.filter((id) => !DEMO_TASK_TYPES[id].review.required);
  const tasks: Task[] = [];
  for (let i = 0; i < 40; i++) {
    const status: TaskStatus = TASK_STATUSES[i % TASK_STATUSES.length];
    const typeId = REVIEW_STATUSES.includes(status) ? reviewTypes[i % reviewTypes.length] : plainTypes[i % plainTypes.length];
    const type = DEMO_TASK_TYPES[typeId];
    const [title, request] = REQUESTS[typeId][i % REQUESTS[typeId].length];
    const createdAt = demoCreatedAt(status, typeId, i, now);
    const triaged = status !== 'new';
    tasks.push({
      id: newId(),
      title,
      status,
      typeId,
      queue: type.defaultQueue,
      locationId: DEMO_LOCATION_ID,
      priority: (['normal', 'high', 'normal', 'low', 'urgent'] as const)[i % 5],
      ownerId: triaged ? teamOwner(type.defaultQueue) : '',
      dueAt: new Date(now.getTime() + ((i % 9) - 3) * 8 * hour).toISOString(),
      channel: (['phone', 'portal', 'fax', 'walk_in', 'provider_request', 'email', 'integration'] as const)[i % 7],
      patientRef: type.category === 'operations' ? '' : `MRN ${100200 + i * 37} ${INITIALS[i % INITIALS.length]}`,
      description: request,
      ...EMPTY_WORKFLOW_FIELDS,
      category: triaged ? type.category : '',
      suggestedCategory: type.category,
      suggestionConfidence: 0.8,
      providerId: type.requiredFields.includes('providerId') ? demoUserId('clinician') : '',
      waitingOn: status === 'waiting' ? 'insurer' : '',
      reasonCode: REASON_FOR[status] ?? '',
      reasonNote: status === 'waiting' ? 'Payer says 5 to 7 business days' : '',
      outcome: status === 'approved' || (status === 'closed' && type.outcomes.length) ? (type.outcomes[0] ?? '') : '',
      checklist: type.checklist.map((label, n) => ({ id: `c${n + 1}`, label, done: CHECKLIST_DONE.includes(status) })),
      reviewerId: ['in_review', 'approved', 'rejected', 'needs_info'].includes(status) ? demoUserId('clinician') : '',
      notes: [],
      createdAt,
      createdBy: demoUserId('frontdesk'),
      updatedAt: createdAt,
      pendingSync: false,
      ...EMPTY_SERVER_FIELDS,
    });
  }
  return tasks;
}

/**
 * Stores finished histories as they are (the push path would stamp them with today's time): one
 * transaction, each task validated, with its buckets and an audit entry, like any accepted write.
 */
export async function importHistory(sync: SyncContext, seeder: Actor, tasks: Task[]): Promise<void> {
  const practice = await sync.practice.get();
  await sync.storage.write(async (tx) => {
    for (const task of tasks) {
      // Each entry of the past is a write of its own, at its own seq, as the push path records them:
      // a task's history runs in strictly increasing revisions, and the task's rev is its last.
      const history = [];
      for (const entry of task.history) history.push({ ...entry, rev: await tx.nextSeq() });
      const seq = history.at(-1)?.rev ?? (await tx.nextSeq());
      const at = new Date().toISOString();
      const data = TaskWire.parse({ ...task, history, rev: seq, serverUpdatedAt: task.serverUpdatedAt || at, _deleted: false });
      const { _deleted, ...doc } = data;
      await tx.putDoc({ collection: 'tasks', id: doc.id, seq, deleted: _deleted, data: doc, buckets: bucketsOfTask(doc, practice) }, []);
      await tx.appendAudit({
        at,
        actorId: seeder.userId,
        workstationId: seeder.workstationId,
        action: 'create',
        collection: 'tasks',
        docId: doc.id,
        before: null,
        after: doc,
        reason: 'demo history',
      });
    }
  });
}

/** A few unread notifications per demo user: the first of their open tasks as `assigned`, a decided one as `decided`. */
async function seedDemoNotifications(sync: SyncContext, seeder: Actor, tasks: Task[]): Promise<void> {
  const practice = await sync.practice.get();
  const at = new Date().toISOString();
  const list: Notification[] = [];
  for (const person of DEMO_STAFF) {
    const userId = demoUserId(person.username);
    const owned = tasks.filter((t) => t.ownerId === userId);
    const open = owned.filter((t) => !['done', 'closed', 'approved', 'rejected'].includes(t.status)).slice(0, 2);
    for (const task of open) list.push(newNotification(userId, 'assigned', task.id, at));
    const decided = owned.find((t) => t.status === 'approved' || t.status === 'rejected');
    if (decided) list.push(newNotification(userId, 'decided', decided.id, at));
  }
  const notices: ChangeNotice[] = [];
  await sync.storage.write((tx) => storeNotifications(tx, seeder, practice, list, notices, writerOf(seeder)));
  for (const notice of notices) await sync.storage.publish(notice);
}

export async function seedDemoPractice(sync: SyncContext, options: { historyDays?: number } = {}): Promise<void> {
  const { storage } = sync;
  const createdAt = new Date().toISOString();
  for (const user of DEMO_STAFF) {
    await storage.insertUser({
      id: demoUserId(user.username),
      username: user.username,
      displayName: user.displayName,
      roles: [user.role],
      locationIds: [DEMO_LOCATION_ID],
      passwordHash: await hashPassword(DEMO_PASSWORD),
      passwordTemporary: false,
      active: true,
      createdAt,
    });
  }
  const seeder: Actor = {
    userId: demoUserId('admin'),
    username: 'admin',
    displayName: 'Demo seed',
    roles: ['admin'],
    locationIds: [DEMO_LOCATION_ID],
    workstationId: 'seed',
    sessionId: 'seed',
    system: true,
  };
  const config = demoConfigDocs(DEMO_LOCATION_ID, demoUserId);
  // Entries naming a coverer go second: the coverer must already be on the staff list.
  const covering = (doc: (typeof config)[number]) => doc.kind === 'staff' && !!doc.body.coveredBy;
  for (const batch of [config.filter((doc) => !covering(doc)), config.filter(covering)]) {
    await pushRows(
      sync,
      configHandler,
      seeder,
      batch.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
    );
  }
  const tasks = demoTasks().map((task) => withDemoStory(task));
  // Stored with their past, as the history is: each card says since when it waits, and its history says who moved it.
  await importHistory(sync, seeder, tasks);
  await seedDemoNotifications(sync, seeder, tasks);
  const days = options.historyDays ?? 0;
  if (days > 0) {
    // People the configuration already lists (the demo's provider out of office) keep their entry.
    const listed = new Set(config.map((doc) => doc.id));
    const staff = HISTORY_STAFF.filter((person) => !listed.has(configId('staff', person.userId))).map((person) => ({
      ...person,
      locationIds: [DEMO_LOCATION_ID],
    }));
    const docs = staff.map((body) => ({
      id: configId('staff', body.userId),
      kind: 'staff',
      locationId: '',
      body,
      updatedAt: createdAt,
      pendingSync: false,
      rev: 0,
      updatedBy: '',
      _deleted: false,
    }));
    await pushRows(
      sync,
      configHandler,
      seeder,
      docs.map((doc) => ({ newDocumentState: doc })),
    );
    await importHistory(sync, seeder, demoHistory(days));
  }
}
