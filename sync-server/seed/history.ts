// The demo practice's past: about 30 tasks a working day for `days` days, each walked through
// the workflow with realistic timing (business hours of the location), then cut at `now`, so
// recent work is still open in whatever state it had reached. Deterministic for a given `now`.
// The story it tells: Monday-morning phone peaks, payers that keep prior auths waiting, clinical
// notes as the chronic send-back reason, one overloaded referrals coordinator, three providers
// who sign off at different speeds, and medication refills as the commonest clinical request.
import { DEMO_LOCATION, DEMO_TASK_TYPES } from '../../shared/config/demo';
import type { ConfigBody } from '../../shared/config/schemas';
import { taskWithStory, type Move } from '../../shared/kpi/story';
import { wallClock } from '../../shared/kpi/stats';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Channel, type Task, type TaskStatus, type WaitingOn } from '../../shared/task';
import { addBusinessHours } from '../../shared/sla/business-time';
import { FILL, HISTORY_TEXTS } from './demo-texts';
import { seeded } from '../../shared/prng';

const TIME_ZONE = DEMO_LOCATION.timeZone;
const HOUR = 3600_000;
const wall = wallClock(TIME_ZONE);

/** People who work in the demo practice without a demo sign-in (they own and decide past work). */
export const HISTORY_STAFF: ConfigBody<'staff'>[] = [
  { userId: 'u-dbrooks', displayName: 'Dana Brooks', role: 'front_desk', locationIds: [], queues: ['front_desk'], out: false },
  { userId: 'u-lortega', displayName: 'Luis Ortega', role: 'front_desk', locationIds: [], queues: ['front_desk'], out: true },
  { userId: 'u-treyes', displayName: 'Tom Reyes', role: 'billing', locationIds: [], queues: ['billing'], out: false },
  { userId: 'u-gkim', displayName: 'Grace Kim', role: 'clinical_support', locationIds: [], queues: ['clinical_support'], out: false },
  { userId: 'u-praman', displayName: 'Dr. Priya Raman', role: 'clinician', locationIds: [], queues: ['clinician'], out: false },
  { userId: 'u-mwebb', displayName: 'Dr. Marcus Webb', role: 'clinician', locationIds: [], queues: ['clinician'], out: false },
];

/** Where each person usually works: their history entries name it, as an enrolled workstation's would. */
export const WORKSTATIONS: Record<string, string> = {
  'u-frontdesk': 'Front desk 1',
  'u-dbrooks': 'Front desk 2',
  'u-lortega': 'Front desk 3',
  'u-billing': 'Billing office',
  'u-treyes': 'Billing office 2',
  'u-referrals': 'Referrals desk',
  'u-clinicalsupport': 'Nurse station',
  'u-gkim': 'Nurse station 2',
  'u-manager': 'Practice manager’s office',
  'u-clinician': 'Exam room 1',
  'u-praman': 'Exam room 2',
  'u-mwebb': 'Exam room 3',
};

/** Who works each queue, with their share. The referrals coordinator is alone: the overloaded one. */
const TEAMS: Record<string, [string, number][]> = {
  front_desk: [
    ['u-frontdesk', 0.45],
    ['u-dbrooks', 0.35],
    ['u-lortega', 0.2],
  ],
  billing: [
    ['u-billing', 0.6],
    ['u-treyes', 0.4],
  ],
  referrals: [['u-referrals', 1]],
  clinical_support: [
    ['u-clinicalsupport', 0.55],
    ['u-gkim', 0.45],
  ],
  practice_ops: [['u-manager', 1]],
  clinician: [
    ['u-clinician', 0.5],
    ['u-praman', 0.3],
    ['u-mwebb', 0.2],
  ],
};
/** Review speed in business hours (min, max) per provider. */
const REVIEWERS: [string, number, [number, number]][] = [
  ['u-clinician', 0.5, [0.5, 5]],
  ['u-praman', 0.3, [4, 20]],
  ['u-mwebb', 0.2, [1, 9]],
];
/** How much slower than the others each person works (the overloaded coordinator). */
const PACE: Record<string, number> = { 'u-referrals': 2.2 };

const TYPE_WEIGHTS: [string, number][] = [
  ['medication_refill', 14],
  ['appointment_reschedule', 12],
  ['portal_message', 10],
  ['prior_auth_follow_up', 8],
  ['claim_status_check', 7],
  ['missing_paperwork', 6],
  ['outbound_referral', 6],
  ['records_request', 6],
  ['lab_result_follow_up', 6],
  ['inbound_referral', 5],
  ['denial_follow_up', 5],
  ['patient_balance_question', 5],
  ['provider_request', 4],
  ['coding_clarification', 3],
  ['clinical_review_sign_off', 3],
  ['general', 2],
  ['supply_request', 2],
  ['facilities_issue', 1],
];
/** Chance of a wait, what on, and the exception reasons it gets. */
const WAITS: Record<string, [number, WaitingOn, string[]]> = {
  prior_auth_follow_up: [0.7, 'insurer', ['payer_pending', 'payer_pending', 'payer_pending', 'missing_info']],
  claim_status_check: [0.45, 'insurer', ['payer_pending']],
  denial_follow_up: [0.35, 'insurer', ['payer_pending', 'missing_info']],
  records_request: [0.3, 'patient', ['patient_unreachable', 'missing_info']],
  missing_paperwork: [0.5, 'patient', ['patient_unreachable', 'missing_info']],
  outbound_referral: [0.25, 'provider', ['provider_pending']],
  appointment_reschedule: [0.2, 'patient', ['patient_unreachable']],
  medication_refill: [0.15, 'provider', ['provider_pending']],
  lab_result_follow_up: [0.25, 'patient', ['patient_unreachable']],
};
const CHANNELS: [Channel, number][] = [
  ['phone', 35],
  ['portal', 25],
  ['fax', 15],
  ['provider_request', 8],
  ['email', 7],
  ['walk_in', 6],
  ['integration', 4],
];
const HOUR_WEIGHTS = [4, 5, 4, 3, 2, 3, 3, 2, 1]; // 8:00 … 16:00
const DAY_FACTOR = [0, 1.45, 1.05, 1, 0.95, 0.8, 0];
const TRIAGERS = ['u-frontdesk', 'u-dbrooks', 'u-manager'];
const INITIALS = ['J.D.', 'M.R.', 'A.K.', 'L.P.', 'S.T.', 'R.B.', 'C.W.', 'E.H.', 'K.N.', 'T.G.', 'P.V.', 'D.F.'];

/** A small seeded generator (mulberry32): the same `now` gives the same practice. */
function random(seed: number) {
  const { next } = seeded(seed);
  return {
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
    weighted: <T>(list: readonly (readonly [T, number])[]) => {
      let r = next() * list.reduce((s, [, w]) => s + w, 0);
      for (const [item, w] of list) if ((r -= w) < 0) return item;
      return list[list.length - 1][0];
    },
  };
}
type Random = ReturnType<typeof random>;

/** The instant of a wall-clock time at the location (daylight saving included). */
function zoned(date: string, hour: number, minute: number): number {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  // Two corrections settle any offset, across a daylight-saving change too.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const w = wall(t);
    const [wy, wm, wd] = w.date.split('-').map(Number);
    t += guess - Date.UTC(wy, wm - 1, wd, w.hour, new Date(t).getUTCMinutes());
  }
  return t;
}

const fill = (text: string, rnd: Random) => text.replace(/\{(\w+)\}/g, (_, key: string) => rnd.pick(FILL[key] ?? ['']));

/** One task's life from filing to where it stands at `now`. */
function lifeOf(rnd: Random, n: number, created: number, channel: Channel, typeId: string, now: number): Task {
  const type = DEMO_TASK_TYPES[typeId];
  const texts = HISTORY_TEXTS[typeId];
  const queue = type.defaultQueue;
  const owner = rnd.weighted(TEAMS[queue] ?? [['u-manager', 1]]);
  const pace = PACE[owner] ?? 1;
  const provider = type.requiredFields.includes('providerId') ? rnd.weighted(REVIEWERS.map(([id, w]) => [id, w] as const)) : '';
  const filed: Task = {
    id: `hist-${String(n).padStart(5, '0')}`,
    title: fill(rnd.pick(texts.titles), rnd),
    status: 'new',
    typeId,
    queue,
    locationId: 'loc-main',
    priority: rnd.weighted([
      ['normal', 70],
      ['high', 18],
      ['low', 8],
      ['urgent', 4],
    ] as const),
    ownerId: '',
    dueAt: addBusinessHours(new Date(created), type.defaultDueHours, DEMO_LOCATION).toISOString(),
    channel,
    patientRef: type.category === 'operations' ? '' : `MRN ${200000 + ((n * 7919) % 99991)} ${rnd.pick(INITIALS)}`,
    description: fill(rnd.pick(texts.requests), rnd),
    ...EMPTY_WORKFLOW_FIELDS,
    suggestedCategory: type.category,
    suggestionConfidence: Number(rnd.between(0.55, 0.95).toFixed(2)),
    providerId: provider,
    notes: [],
    createdAt: new Date(created).toISOString(),
    createdBy: channel === 'provider_request' && provider ? provider : rnd.pick(TRIAGERS),
    updatedAt: new Date(created).toISOString(),
    pendingSync: false,
    ...EMPTY_SERVER_FIELDS,
  };
  const moves: Move[] = [];
  let t = created;
  const after = (min: number, max: number, slow = pace) =>
    (t = addBusinessHours(new Date(t), rnd.between(min, max) * slow, DEMO_LOCATION).getTime());
  const move = (to: TaskStatus, actorId = owner, extra: Partial<Move> = {}) => moves.push({ at: t, to, actorId, ...extra });
  // Monday mornings pile up: triage takes longer.
  const monday = wall(created).weekday === 1;
  after(0.05, monday ? 2.5 : 1, 1);
  move('ready', rnd.pick(TRIAGERS), { ownerId: owner });
  after(0.1, 3);
  move('in_progress');
  const wait = WAITS[typeId];
  if (wait && rnd.chance(wait[0])) {
    after(0.3, 3);
    move('waiting', owner, { reasonCode: rnd.pick(wait[2]) });
    after(typeId === 'prior_auth_follow_up' ? 14 : 4, typeId === 'prior_auth_follow_up' ? 60 : 30, 1);
    move('in_progress');
  }
  if (type.review.required) {
    for (let round = 0; round < 3; round++) {
      after(0.3, 4);
      move('needs_review');
      const [reviewer, , speed] = REVIEWERS.find(([id]) => id === provider) ?? rnd.pick(REVIEWERS);
      after(speed[0], speed[1], 1);
      const roll = rnd.next();
      if (roll < 0.12 && round < 2) {
        move('needs_info', reviewer, {
          reasonCode: rnd.weighted([
            ['need_clinical_notes', 3],
            ['need_patient_history', 1],
          ] as const),
        });
        after(1, 12);
        move('in_progress');
        continue;
      }
      if (roll < 0.19) {
        move('rejected', reviewer, {
          reasonCode: rnd.weighted([
            ['wrong_order', 3],
            ['not_medically_necessary', 2],
            ['duplicate', 1],
          ] as const),
        });
        after(1, 20, 1);
        if (rnd.chance(0.25)) {
          move('in_progress', owner, { reasonCode: 'incomplete_work' });
          continue;
        }
        move('closed');
        break;
      }
      move('approved', reviewer);
      after(0.3, 4);
      move('done');
      break;
    }
  } else {
    after(0.3, 6);
    move('done');
  }
  if (moves[moves.length - 1].to === 'done') {
    if (rnd.chance(0.04)) {
      after(6, 40, 1);
      move('in_progress', owner, { reasonCode: 'patient_called_back' });
      after(0.5, 4);
      move('done');
    }
    if (rnd.chance(0.7)) {
      after(2, 20, 1);
      move('closed');
    }
  }
  const happened = moves.filter((m) => m.at <= now);
  const task = taskWithStory(filed, happened, type, { id: filed.createdBy, name: '' }, (id) => WORKSTATIONS[id]);
  return finishFields(task, type.outcomes[0] ?? '', happened);
}

/** The fields a task in its final status carries (category, checklist, reviewer, outcome, waiting on). */
function finishFields(task: Task, outcome: string, moves: Move[]): Task {
  const type = DEMO_TASK_TYPES[task.typeId];
  const triaged = task.status !== 'new';
  const decided = [...moves].reverse().find((m) => ['approved', 'rejected', 'needs_info'].includes(m.to));
  const pastWork = !['new', 'ready', 'in_progress', 'waiting'].includes(task.status);
  return {
    ...task,
    category: triaged ? type.category : '',
    checklist: type.checklist.map((label, i) => ({ id: `c${i + 1}`, label, done: pastWork })),
    waitingOn: task.status === 'waiting' ? (WAITS[task.typeId]?.[1] ?? 'other') : '',
    reviewerId:
      decided && ['approved', 'rejected', 'needs_info', 'done', 'closed'].includes(task.status) && type.review.required
        ? decided.actorId
        : '',
    outcome:
      task.status === 'rejected' ? 'rejected' : ['approved', 'done', 'closed'].includes(task.status) && type.review.required ? outcome : '',
  };
}

/** The demo's history: tasks filed over the `days` before `now`, as they stand at `now`. */
export function demoHistory(days: number, now = new Date()): Task[] {
  const end = now.getTime();
  const rnd = random(0xba7 + days);
  const tasks: Task[] = [];
  for (let back = days; back >= 0; back--) {
    const day = wall(end - back * 24 * HOUR);
    const count = Math.round(30 * DAY_FACTOR[day.weekday] * rnd.between(0.85, 1.15));
    for (let i = 0; i < count; i++) {
      const hour = 8 + rnd.weighted(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
      const created = zoned(day.date, hour, Math.floor(rnd.next() * 60));
      const mondayMorning = day.weekday === 1 && hour < 11;
      const channel = mondayMorning && rnd.chance(0.5) ? 'phone' : rnd.weighted(CHANNELS);
      const typeId = rnd.weighted(TYPE_WEIGHTS);
      if (created > end) continue;
      tasks.push(lifeOf(rnd, tasks.length, created, channel, typeId, end));
    }
  }
  return tasks;
}
