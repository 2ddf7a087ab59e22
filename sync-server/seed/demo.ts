// The demo practice: one location, one user per role, about 40 tasks of today in every status,
// and (BATON_DEMO_HISTORY_DAYS, 90 with `npm start`) the practice's past: see history.ts.
// Patient references are made up. Demo users exist only when the server runs with BATON_DEMO=1.
import { newId } from '../../shared/ids';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, TASK_STATUSES, type Task, type TaskStatus } from '../../shared/task';
import type { Actor } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import type { SyncContext } from '../sync/context';
import { configHandler } from '../sync/config';
import { tasksHandler } from '../sync/tasks';
import { demoConfigDocs, DEMO_LOCATION, DEMO_STAFF, DEMO_TASK_TYPES } from '../../shared/config/demo';
import { addBusinessMs } from '../../shared/sla/business-time';
import { pushRows, storeNotifications } from '../sync/push';
import { writerOf } from '../sync/writer';
import { newNotification } from '../../shared/notifications/create';
import type { Notification } from '../../shared/notifications/schema';
import type { ChangeNotice } from '../storage/types';
import { configId } from '../../shared/config/schemas';
import { bucketsOfTask } from '../../shared/policy';
import { TaskWire } from '../../shared/task';
import { demoHistory, HISTORY_STAFF } from './history';

const DEMO_LOCATION_ID = 'loc-main';
const DEMO_PASSWORD = 'baton-demo';

const demoUserId = (username: string) => `u-${username}`;

const TITLES: Record<string, string[]> = {
  general: ['Call back about visit question', 'Update patient contact details'],
  appointment_reschedule: ['Reschedule follow-up visit', 'Move annual physical to next week', 'Cancel and rebook MRI consult'],
  missing_paperwork: ['Intake packet missing insurance card', 'HIPAA acknowledgement not signed'],
  portal_message: ['Patient asks about refill status', 'Portal question about visit summary'],
  prior_auth_follow_up: ['Prior auth pending for MRI lumbar spine', 'Prior auth for CPAP supplies'],
  outbound_referral: ['Referral to cardiology', 'Referral to physical therapy'],
  inbound_referral: ['Inbound referral from urgent care', 'New patient referral from Dr. Patel'],
  records_request: ['Records request from specialist office', 'Patient requests immunization record'],
  claim_status_check: ['Claim 4471 pending 45 days', 'Check status of denied lab claim'],
  denial_follow_up: ['Denial: missing modifier 25', 'Denial: eligibility terminated'],
  patient_balance_question: ['Patient disputes balance after EOB', 'Payment plan request'],
  coding_clarification: ['Clarify E/M level for visit', 'ICD-10 code needed for referral'],
  lab_result_follow_up: ['Abnormal A1c result follow-up', 'Call patient with lipid panel results'],
  provider_request: ['Dr. Chen asks for wound care supplies order', 'Schedule nurse visit for injection'],
  supply_request: ['Order otoscope covers', 'Restock flu vaccine fridge log sheets'],
  clinical_review_sign_off: ['Sign off medication refill protocol', 'Review outside lab before referral'],
  facilities_issue: ['Exam room 3 light flickering', 'Waiting room door sticks'],
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

/** Finished demo tasks are filed as in progress and finished at seeding: met or missed by their age. */
const isFinishedDemoStatus = (status: TaskStatus) => status === 'done' || status === 'closed';

/**
 * A deterministic spread of demo tasks, every status at least three times, each consistent with
 * its type's workflow (review statuses only on types that need sign-off, reasons where required).
 */
export function demoTasks(now = new Date()): Task[] {
  const hour = 3600_000;
  // Today's board uses the types it has titles for (types added later, such as medication refills, come with the history).
  const typeIds = Object.keys(DEMO_TASK_TYPES).filter((id) => TITLES[id]);
  const reviewTypes = typeIds.filter((id) => DEMO_TASK_TYPES[id].review.required);
  const plainTypes = typeIds.filter((id) => !DEMO_TASK_TYPES[id].review.required);
  const tasks: Task[] = [];
  for (let i = 0; i < 40; i++) {
    const status: TaskStatus = TASK_STATUSES[i % TASK_STATUSES.length];
    const typeId = REVIEW_STATUSES.includes(status) ? reviewTypes[i % reviewTypes.length] : plainTypes[i % plainTypes.length];
    const type = DEMO_TASK_TYPES[typeId];
    const titles = TITLES[typeId];
    const createdAt = demoCreatedAt(status, typeId, i, now);
    const triaged = status !== 'new';
    tasks.push({
      id: newId(),
      title: titles[i % titles.length],
      status,
      typeId,
      queue: type.defaultQueue,
      locationId: DEMO_LOCATION_ID,
      priority: (['normal', 'high', 'normal', 'low', 'urgent'] as const)[i % 5],
      ownerId: triaged ? teamOwner(type.defaultQueue) : '',
      dueAt: new Date(now.getTime() + ((i % 9) - 3) * 8 * hour).toISOString(),
      channel: (['phone', 'portal', 'fax', 'walk_in', 'provider_request', 'email', 'integration'] as const)[i % 7],
      patientRef: type.category === 'operations' ? '' : `MRN ${100200 + i * 37} ${INITIALS[i % INITIALS.length]}`,
      description: `Demo request #${i + 1}: ${titles[i % titles.length].toLowerCase()}.`,
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
      const seq = await tx.nextSeq();
      const at = new Date().toISOString();
      const data = TaskWire.parse({ ...task, rev: seq, serverUpdatedAt: task.serverUpdatedAt || at, _deleted: false });
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
  const tasks = demoTasks();
  // Filed, then (for finished ones) finished now: their history gives the SLA clock a whole life.
  const filed = tasks.map((task) => (isFinishedDemoStatus(task.status) ? { ...task, status: 'in_progress' as const } : task));
  // Filing the demo notifies no one; a few notifications are seeded below instead.
  const stored = await pushRows(
    sync,
    tasksHandler,
    seeder,
    filed.map((task) => ({ newDocumentState: { ...task, _deleted: false } })),
    { answerAccepted: true, notify: false },
  );
  const storedById = new Map(stored.answer.map((doc) => [doc.id, doc]));
  const finished = tasks.filter((task) => isFinishedDemoStatus(task.status));
  await pushRows(
    sync,
    tasksHandler,
    seeder,
    finished.map((task) => ({ assumedMasterState: storedById.get(task.id), newDocumentState: { ...task, _deleted: false } })),
    { notify: false },
  );
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
