// The demo practice's configuration: the common task types across front desk, billing,
// referrals, clinical support and practice operations, with routing and reason codes.
import { localDate } from '../coverage/coverage';
import { configId, DEFAULT_SLA_PAUSE, type ConfigBody, type ConfigDoc, type ConfigKind, type TaskTypeConfig } from './schemas';

type TypeSpec = Pick<TaskTypeConfig, 'label' | 'category' | 'defaultQueue' | 'defaultDueHours'> & Partial<TaskTypeConfig>;

const PATIENT = ['patientRef', 'dueAt', 'channel'] as const;

const TYPES: Record<string, TypeSpec> = {
  general: {
    label: 'General task',
    category: 'patient_message',
    defaultQueue: 'front_desk',
    defaultDueHours: 8,
    requiredFields: ['dueAt'],
  },
  appointment_reschedule: {
    label: 'Appointment reschedule',
    category: 'scheduling',
    defaultQueue: 'front_desk',
    defaultDueHours: 4,
    requiredFields: [...PATIENT],
    checklist: ['Offer two new times', 'Confirm with patient', 'Update the schedule'],
    noteTemplates: [{ label: 'Left voicemail', text: 'Left voicemail offering new times; will try again tomorrow.' }],
    outcomes: ['rescheduled', 'cancelled'],
  },
  missing_paperwork: {
    label: 'Missing paperwork',
    category: 'paperwork',
    defaultQueue: 'front_desk',
    defaultDueHours: 16,
    requiredFields: [...PATIENT, 'description'],
    checklist: ['Ask patient for the document', 'Scan into chart'],
    noteTemplates: [{ label: 'Requested via portal', text: 'Requested the missing form through the patient portal.' }],
  },
  portal_message: {
    label: 'Portal message',
    category: 'patient_message',
    defaultQueue: 'front_desk',
    defaultDueHours: 8,
    requiredFields: [...PATIENT],
  },
  prior_auth_follow_up: {
    label: 'Prior-auth follow-up',
    category: 'prior_auth',
    defaultQueue: 'referrals',
    defaultDueHours: 24,
    requiredFields: [...PATIENT, 'providerId', 'description'],
    checklist: ['Check payer portal', 'Send clinical notes', 'Record auth number'],
    noteTemplates: [{ label: 'Payer pending', text: 'Payer reports the request is pending medical review.' }],
    outcomes: ['authorized', 'denied'],
    followUps: [
      {
        onOutcome: 'authorized',
        typeId: 'appointment_reschedule',
        title: 'Schedule the authorized procedure',
        assignTo: 'routing',
        dueHours: 16,
      },
    ],
  },
  outbound_referral: {
    label: 'Outbound referral',
    category: 'referral',
    defaultQueue: 'referrals',
    defaultDueHours: 24,
    requiredFields: [...PATIENT, 'providerId'],
    checklist: ['Referral order signed', 'Records sent', 'Specialist confirmed receipt'],
    review: { required: true, role: 'clinician' },
    outcomes: ['approved', 'approved_with_changes'],
    followUps: [
      { onOutcome: 'approved', typeId: 'records_request', title: 'Send records to the specialist', assignTo: 'owner', dueHours: 8 },
    ],
  },
  inbound_referral: {
    label: 'Inbound referral',
    category: 'referral',
    defaultQueue: 'referrals',
    defaultDueHours: 16,
    requiredFields: [...PATIENT],
    checklist: ['Verify insurance', 'Schedule new patient visit'],
  },
  records_request: {
    label: 'Records request',
    category: 'records',
    defaultQueue: 'front_desk',
    defaultDueHours: 40,
    requiredFields: [...PATIENT, 'description'],
    checklist: ['Authorization on file', 'Records sent'],
  },
  claim_status_check: {
    label: 'Claim status check',
    category: 'billing',
    defaultQueue: 'billing',
    defaultDueHours: 24,
    requiredFields: [...PATIENT],
  },
  denial_follow_up: {
    label: 'Denial follow-up',
    category: 'billing',
    defaultQueue: 'billing',
    defaultDueHours: 40,
    requiredFields: [...PATIENT, 'description'],
    checklist: ['Find denial reason', 'Correct and resubmit'],
    outcomes: ['resubmitted', 'written_off'],
  },
  patient_balance_question: {
    label: 'Patient balance question',
    category: 'billing',
    defaultQueue: 'billing',
    defaultDueHours: 16,
    requiredFields: [...PATIENT],
  },
  coding_clarification: {
    label: 'Coding clarification',
    category: 'billing',
    defaultQueue: 'billing',
    defaultDueHours: 16,
    requiredFields: [...PATIENT, 'providerId'],
    review: { required: true, role: 'clinician' },
  },
  lab_result_follow_up: {
    label: 'Lab result follow-up',
    category: 'clinical',
    defaultQueue: 'clinical_support',
    defaultDueHours: 8,
    requiredFields: [...PATIENT, 'providerId'],
    checklist: ['Call patient with result', 'Document the call'],
    review: { required: true, role: 'clinician' },
    outcomes: ['approved'],
    followUps: [
      {
        onOutcome: 'approved',
        typeId: 'appointment_reschedule',
        title: 'Book follow-up visit for lab result',
        assignTo: 'routing',
        dueHours: 16,
      },
    ],
  },
  medication_refill: {
    label: 'Medication refill',
    category: 'clinical',
    defaultQueue: 'clinical_support',
    defaultDueHours: 8,
    requiredFields: [...PATIENT, 'providerId', 'description'],
    checklist: ['Check last visit and labs', 'Send to pharmacy'],
    review: { required: true, role: 'clinician' },
    outcomes: ['approved', 'denied'],
    noteTemplates: [{ label: 'Sent to pharmacy', text: 'Refill sent to the pharmacy on file.' }],
  },
  provider_request: {
    label: 'Provider-to-staff request',
    category: 'clinical',
    defaultQueue: 'clinical_support',
    defaultDueHours: 8,
    requiredFields: ['providerId', 'dueAt', 'description'],
  },
  supply_request: {
    label: 'Supply request',
    category: 'operations',
    defaultQueue: 'practice_ops',
    defaultDueHours: 40,
    requiredFields: ['dueAt', 'description'],
  },
  clinical_review_sign_off: {
    label: 'Clinical review sign-off',
    category: 'clinical',
    defaultQueue: 'clinician',
    defaultDueHours: 8,
    requiredFields: [...PATIENT, 'providerId', 'description'],
    review: { required: true, role: 'clinician' },
    noteTemplates: [{ label: 'Approved per protocol', text: 'Reviewed and approved per standing protocol.' }],
    outcomes: ['approved', 'approved_with_changes'],
  },
  facilities_issue: {
    label: 'Facilities issue',
    category: 'operations',
    defaultQueue: 'practice_ops',
    defaultDueHours: 24,
    requiredFields: ['description'],
  },
};

/** The starter practice's queues; OS notifications name these (electron/os/notification-text.ts). */
export const QUEUES: Record<string, string> = {
  front_desk: 'Front desk',
  billing: 'Billing',
  referrals: 'Referrals',
  clinical_support: 'Clinical support',
  clinician: 'Clinician sign-off',
  practice_ops: 'Practice operations',
};
const CATEGORIES = {
  scheduling: 'Scheduling',
  paperwork: 'Paperwork',
  patient_message: 'Patient message',
  prior_auth: 'Prior authorization',
  referral: 'Referral',
  records: 'Records',
  billing: 'Billing',
  clinical: 'Clinical',
  operations: 'Operations',
};
const REASONS: Record<string, ConfigBody<'reason_code'>> = {
  missing_info: { kind: 'exception', label: 'Missing information', active: true },
  patient_unreachable: { kind: 'exception', label: 'Patient unreachable', active: true },
  payer_pending: { kind: 'exception', label: 'Payer pending', active: true },
  provider_pending: { kind: 'exception', label: 'Waiting on provider', active: true },
  not_medically_necessary: { kind: 'rejection', label: 'Not medically necessary', active: true },
  wrong_order: { kind: 'rejection', label: 'Wrong order or code', active: true },
  duplicate: { kind: 'rejection', label: 'Duplicate request', active: true },
  need_clinical_notes: { kind: 'needs_info', label: 'Clinical notes needed', active: true },
  need_patient_history: { kind: 'needs_info', label: 'Patient history needed', active: true },
  patient_called_back: { kind: 'reopen', label: 'Patient called back', active: true },
  incomplete_work: { kind: 'reopen', label: 'Work was incomplete', active: true },
};

/** The practice's holidays: SLA clocks stand still on these days. */
const DEMO_CLOSURES = [
  ['2026-01-01', "New Year's Day"],
  ['2026-05-25', 'Memorial Day'],
  ['2026-07-03', 'Independence Day (observed)'],
  ['2026-09-07', 'Labor Day'],
  ['2026-11-26', 'Thanksgiving'],
  ['2026-12-25', 'Christmas Day'],
  ['2027-01-01', "New Year's Day"],
  ['2027-05-31', 'Memorial Day'],
  ['2027-07-05', 'Independence Day (observed)'],
  ['2027-09-06', 'Labor Day'],
  ['2027-11-25', 'Thanksgiving'],
  ['2027-12-24', 'Christmas (observed)'],
].map(([date, label]) => ({ date, label }));

export const DEMO_LOCATION: ConfigBody<'location'> = {
  label: 'Maple Street Family Medicine',
  timeZone: 'America/New_York',
  businessHours: { startHour: 8, endHour: 17, days: [1, 2, 3, 4, 5] },
  openingHours: [],
  closures: DEMO_CLOSURES,
  lockAfterMinutes: 5,
  offlineSignInHours: 72,
};

/** The demo task types with every field filled in. */
export const DEMO_TASK_TYPES: Record<string, TaskTypeConfig> = Object.fromEntries(
  Object.entries(TYPES).map(([key, spec]) => [
    key,
    {
      requiredFields: [],
      review: { required: false, role: '' },
      checklist: [],
      noteTemplates: [],
      outcomes: [],
      followUps: [],
      active: true,
      // Work starts within a quarter of the resolution target (at most 4 business hours).
      sla: {
        firstTouchHours: Math.min(4, spec.defaultDueHours / 4),
        resolutionHours: spec.defaultDueHours,
        atRiskShare: 0.75,
        pauseWhile: DEFAULT_SLA_PAUSE,
        warnAt: [0.75],
        remindIdleHours: 8,
        escalateIdleHours: 0,
        managerAfterHours: 4,
        reassignToLead: false,
      },
      ...spec,
    },
  ]),
);

/**
 * The demo practice's patient request page (every location). Portal requests land in front-desk
 * triage (a refill is moved on to clinical support there, as a medication refill); a billing
 * question goes straight to billing. Each asks only what staff need to find the patient and act.
 */
const WHO: ConfigBody<'request_type'>['fields'] = [
  { id: 'name', label: 'Your full name', kind: 'text', required: true },
  { id: 'dob', label: 'Date of birth', kind: 'date', required: true },
];
const DEMO_REQUEST_TYPES: Record<string, ConfigBody<'request_type'>> = {
  refill: {
    label: 'Medication refill',
    hint: 'Allow two business days. For an urgent need, call the office.',
    taskTypeId: 'portal_message',
    locationIds: [],
    fields: [
      ...WHO,
      { id: 'medication', label: 'Medication and dose', kind: 'text', required: true },
      { id: 'pharmacy', label: 'Pharmacy (name and town)', kind: 'text', required: false },
    ],
    statusLinkDays: 30,
    order: 10,
    active: true,
  },
  records: {
    label: 'Medical records request',
    hint: 'We may ask you to sign an authorization before we send records.',
    taskTypeId: 'records_request',
    locationIds: [],
    fields: [...WHO, { id: 'send_to', label: 'Where should we send them?', kind: 'text', required: true }],
    statusLinkDays: 30,
    order: 20,
    active: true,
  },
  appointment: {
    label: 'Change an appointment',
    hint: '',
    taskTypeId: 'appointment_reschedule',
    locationIds: [],
    fields: [
      ...WHO,
      { id: 'appointment_date', label: 'Date of the appointment', kind: 'date', required: true },
      { id: 'preferred', label: 'Days and times that suit you', kind: 'text', required: false },
    ],
    statusLinkDays: 14,
    order: 30,
    active: true,
  },
  billing: {
    label: 'Billing question',
    hint: '',
    taskTypeId: 'patient_balance_question',
    locationIds: [],
    fields: [...WHO, { id: 'statement', label: 'Statement or account number', kind: 'text', required: false }],
    statusLinkDays: 30,
    order: 40,
    active: true,
  },
};

/** Demo staff, by username; the seed creates the matching sign-in accounts. */
export const DEMO_STAFF: { username: string; displayName: string; role: ConfigBody<'staff'>['role']; queues: string[] }[] = [
  { username: 'frontdesk', displayName: 'Maria Lopez', role: 'front_desk', queues: ['front_desk'] },
  { username: 'billing', displayName: 'Sam Okafor', role: 'billing', queues: ['billing'] },
  { username: 'referrals', displayName: 'Priya Shah', role: 'referrals', queues: ['referrals'] },
  { username: 'clinicalsupport', displayName: 'Jordan Lee', role: 'clinical_support', queues: ['clinical_support', 'practice_ops'] },
  { username: 'clinician', displayName: 'Dr. Alex Chen', role: 'clinician', queues: ['clinician'] },
  { username: 'manager', displayName: 'Kim Novak', role: 'manager', queues: ['practice_ops'] },
  { username: 'admin', displayName: 'IT Admin', role: 'admin', queues: [] },
];

/** The demo provider who is out of office on first start (covered by the demo clinician). */
const DEMO_AWAY: Omit<ConfigBody<'staff'>, 'locationIds'> = {
  userId: 'u-mwebb',
  displayName: 'Dr. Marcus Webb',
  role: 'clinician',
  queues: ['clinician'],
  out: false,
};

export function demoConfigDocs(locationId: string, userIdOf: (username: string) => string): ConfigDoc[] {
  const now = new Date().toISOString();
  const doc = <K extends ConfigKind>(kind: K, key: string, body: ConfigBody<K>, loc = ''): ConfigDoc => ({
    id: configId(kind, key),
    kind,
    locationId: loc,
    body: body,
    updatedAt: now,
    pendingSync: false,
    rev: 0,
    updatedBy: '',
  });
  const docs: ConfigDoc[] = [doc('location', locationId, DEMO_LOCATION, locationId)];
  // Each queue's lead (escalations go to them first): the first person on its team.
  const lead = (queue: string) => userIdOf((DEMO_STAFF.find((p) => p.queues.includes(queue)) ?? DEMO_STAFF[0]).username);
  for (const [key, label] of Object.entries(QUEUES)) docs.push(doc('queue', key, { label, lead: lead(key) }));
  for (const [key, label] of Object.entries(CATEGORIES)) docs.push(doc('category', key, { label }));
  for (const [key, body] of Object.entries(REASONS)) docs.push(doc('reason_code', key, body));
  for (const [key, type] of Object.entries(DEMO_TASK_TYPES)) docs.push(doc('task_type', key, type));
  for (const [key, type] of Object.entries(DEMO_REQUEST_TYPES)) docs.push(doc('request_type', key, type));
  for (const person of DEMO_STAFF) {
    docs.push(
      doc('staff', userIdOf(person.username), {
        userId: userIdOf(person.username),
        displayName: person.displayName,
        role: person.role,
        locationIds: [locationId],
        queues: person.queues,
        out: false,
      }),
    );
  }
  // Coverage on first start: a second provider (no demo sign-in) away from yesterday for two
  // weeks, covered by the demo clinician, whose board then has a Covering view.
  const day = (offsetDays: number) => localDate(Date.parse(now) + offsetDays * 86_400_000, DEMO_LOCATION.timeZone);
  docs.push(
    doc('staff', DEMO_AWAY.userId, {
      ...DEMO_AWAY,
      locationIds: [locationId],
      outFrom: day(-1),
      outTo: day(13),
      coveredBy: userIdOf('clinician'),
    }),
  );
  // Each queue's work goes to its team; the least-loaded person first.
  const team = (queue: string) => DEMO_STAFF.filter((p) => p.queues.includes(queue)).map((p) => userIdOf(p.username));
  Object.keys(QUEUES).forEach((queue, i) => {
    docs.push(
      doc('routing_rule', `queue-${queue}`, {
        order: 10 + i,
        match: {},
        queue,
        strategy: queue === 'front_desk' ? 'round_robin' : 'least_open',
        pool: team(queue),
        active: true,
      }),
    );
  });
  // Rules match on type: a type's default queue decides which team.
  for (const [key, spec] of Object.entries(TYPES)) {
    docs.push(
      doc('routing_rule', `type-${key}`, {
        order: 1,
        match: { typeId: key },
        queue: spec.defaultQueue,
        strategy: spec.defaultQueue === 'front_desk' ? 'round_robin' : 'least_open',
        pool: team(spec.defaultQueue),
        active: true,
      }),
    );
  }
  return docs;
}
