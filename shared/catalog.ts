// The practice's queues (teams) and task types. Static for now; the workflow issue makes them
// replicated, admin-edited data.
export interface QueueDef {
  id: string;
  label: string;
}

export const QUEUES: readonly QueueDef[] = [
  { id: 'front_desk', label: 'Front desk' },
  { id: 'billing', label: 'Billing' },
  { id: 'referrals', label: 'Referrals' },
  { id: 'clinical_support', label: 'Clinical support' },
  { id: 'clinician', label: 'Clinician sign-off' },
  { id: 'practice_ops', label: 'Practice operations' },
];

export interface TaskTypeDef {
  id: string;
  label: string;
  defaultQueue: string;
}

export const TASK_TYPES: readonly TaskTypeDef[] = [
  { id: 'general', label: 'General task', defaultQueue: 'front_desk' },
  { id: 'appointment_reschedule', label: 'Appointment reschedule', defaultQueue: 'front_desk' },
  { id: 'missing_paperwork', label: 'Missing paperwork', defaultQueue: 'front_desk' },
  { id: 'portal_message', label: 'Portal message', defaultQueue: 'front_desk' },
  { id: 'prior_auth_follow_up', label: 'Prior-auth follow-up', defaultQueue: 'referrals' },
  { id: 'outbound_referral', label: 'Outbound referral', defaultQueue: 'referrals' },
  { id: 'inbound_referral', label: 'Inbound referral', defaultQueue: 'referrals' },
  { id: 'records_request', label: 'Records request', defaultQueue: 'front_desk' },
  { id: 'claim_status_check', label: 'Claim status check', defaultQueue: 'billing' },
  { id: 'denial_follow_up', label: 'Denial follow-up', defaultQueue: 'billing' },
  { id: 'patient_balance_question', label: 'Patient balance question', defaultQueue: 'billing' },
  { id: 'coding_clarification', label: 'Coding clarification', defaultQueue: 'billing' },
  { id: 'lab_result_follow_up', label: 'Lab result follow-up', defaultQueue: 'clinical_support' },
  { id: 'provider_request', label: 'Provider-to-staff request', defaultQueue: 'clinical_support' },
  { id: 'supply_request', label: 'Supply request', defaultQueue: 'practice_ops' },
  { id: 'clinical_review_sign_off', label: 'Clinical review sign-off', defaultQueue: 'clinician' },
  { id: 'facilities_issue', label: 'Facilities issue', defaultQueue: 'practice_ops' },
];

export const isKnownQueue = (id: string) => QUEUES.some((q) => q.id === id);
export const isKnownTaskType = (id: string) => TASK_TYPES.some((t) => t.id === id);
