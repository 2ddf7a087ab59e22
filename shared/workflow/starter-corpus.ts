// A starter corpus of front-office requests by category, generated from phrase templates with a
// fixed seed: what the triage classifier knows before a practice has closed tasks of its own.
import type { LabeledText } from './classifier';

const TEMPLATES: Record<string, string[]> = {
  scheduling: [
    'Patient needs to reschedule {visit} from {day} to next week',
    'Cancel {visit} on {day}, patient will call back to rebook',
    'Move {visit} earlier, patient has a conflict {day}',
    'Patient asks for a new appointment time for {visit}',
    'No-show on {day}: rebook {visit} and send reminder',
    'Book follow-up visit in two weeks after {visit}',
    'Patient running late, wants to reschedule {visit}',
  ],
  paperwork: [
    'Intake packet missing {form}',
    'Patient did not sign {form} at check-in',
    'Need updated {form} before the visit on {day}',
    'New patient paperwork incomplete: {form} blank',
    'Scan and attach {form} received at front desk',
    'Consent form missing signature, also need {form}',
  ],
  patient_message: [
    'Portal message: patient asks about {topic}',
    'Patient sent a message asking {topic}',
    'Reply to portal question regarding {topic}',
    'Patient emailed about {topic} and wants a call back',
    'Message from patient portal: question on {topic}',
  ],
  prior_auth: [
    'Prior authorization pending for {procedure} with {payer}',
    '{payer} needs clinical notes for prior auth of {procedure}',
    'Follow up on prior auth status for {procedure}',
    'Authorization expired for {procedure}, resubmit to {payer}',
    'Peer to peer requested by {payer} for {procedure} authorization',
    'Precertification required before {procedure}, submit to {payer}',
  ],
  referral: [
    'Send referral to {specialty} with recent notes',
    'Inbound referral from {specialty} needs scheduling and records',
    '{specialty} office asking for referral paperwork',
    'Referral to {specialty} denied, need new referral order',
    'Patient needs referral to {specialty} for insurance',
    'Fax referral packet to {specialty} clinic',
  ],
  records: [
    'Records request from {requester} for last two years',
    'Patient requests copy of {record}',
    '{requester} asking for {record} release',
    'Send {record} to new provider, authorization on file',
    'Release of information request: {record} for {requester}',
  ],
  billing: [
    'Claim denied by {payer}: {denial}',
    'Check claim status with {payer}, pending over 45 days',
    'Patient disputes balance after {payer} EOB',
    'Coding question: {code} on claim to {payer}',
    'Resubmit corrected claim to {payer}, {denial}',
    'Patient wants a payment plan for outstanding balance',
    'Refund request for overpayment, {payer} paid twice',
  ],
  clinical: [
    'Abnormal {lab} result, call patient with plan',
    'Dr. wants {lab} repeated in three months, schedule lab',
    'Provider request: order {supply} for wound care patient',
    'Review outside {lab} results before referral sign off',
    'Medication refill protocol needs clinician sign off',
    'Nurse visit needed for injection, provider order in chart',
    'Critical {lab} value flagged, notify provider today',
  ],
  operations: [
    'Order more {supply} for exam rooms',
    '{facility} not working in the clinic',
    'Restock {supply} in supply closet',
    'Repair needed: {facility}',
    'Vendor delivery of {supply} missing items',
  ],
};

const SLOTS: Record<string, string[]> = {
  visit: ['annual physical', 'follow-up visit', 'MRI consult', 'well child check', 'telehealth visit', 'new patient visit'],
  day: ['Monday', 'Tuesday', 'Thursday', 'Friday', 'tomorrow', 'the 14th'],
  form: ['insurance card copy', 'HIPAA acknowledgement', 'photo ID', 'medication list', 'financial policy form', 'emergency contact form'],
  topic: [
    'refill status',
    'visit summary',
    'test results timing',
    'billing statement',
    'forms for school',
    'side effects of new medication',
  ],
  procedure: ['MRI lumbar spine', 'CT abdomen', 'sleep study', 'CPAP supplies', 'physical therapy', 'knee injection'],
  payer: ['Aetna', 'BlueCross', 'Medicare', 'Medicaid', 'UnitedHealthcare', 'Cigna'],
  specialty: ['cardiology', 'dermatology', 'orthopedics', 'physical therapy', 'neurology', 'gastroenterology'],
  requester: ['attorney office', 'specialist office', 'insurance company', 'school nurse', 'new primary care office'],
  record: ['immunization record', 'visit notes', 'lab history', 'imaging reports', 'full chart'],
  denial: ['missing modifier 25', 'eligibility terminated', 'duplicate claim', 'non-covered service', 'timely filing'],
  code: ['E/M level 99214', 'ICD-10 code', 'modifier 59', 'CPT 36415'],
  lab: ['A1c', 'lipid panel', 'CBC', 'potassium', 'TSH', 'urine culture'],
  supply: ['otoscope covers', 'gloves', 'exam table paper', 'flu vaccine', 'wound care supplies', 'sharps containers'],
  facility: ['exam room 3 light', 'waiting room door', 'fax machine', 'check-in kiosk', 'break room fridge'],
};

/** A small deterministic PRNG (mulberry32), so the corpus is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(perCategory: number, seed: number, templatesOf: (all: string[]) => string[]): LabeledText[] {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const examples: LabeledText[] = [];
  for (const [label, all] of Object.entries(TEMPLATES)) {
    const templates = templatesOf(all);
    for (let i = 0; i < perCategory; i++) {
      const text = pick(templates).replace(/\{(\w+)\}/g, (_, slot: string) => pick(SLOTS[slot]));
      examples.push({ text, label });
    }
  }
  return examples;
}

export function starterCorpus(perCategory = 40, seed = 7): LabeledText[] {
  return generate(perCategory, seed, (all) => all);
}

/**
 * A fair test: the held-out requests are phrased with templates the model never saw (the last
 * two of each category) and filled with another seed, so a score is not just recall of phrasings.
 */
export function heldOutSplit(perCategory = 40): { train: LabeledText[]; test: LabeledText[] } {
  return {
    train: generate(perCategory, 7, (all) => all.slice(0, -2)),
    test: generate(Math.ceil(perCategory / 4), 11, (all) => all.slice(-2)),
  };
}
