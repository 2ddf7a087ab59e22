// Made-up request texts for the demo's history: what callers, portals, faxes and providers ask
// for, per task type. No real people; patient references are generated.
export const HISTORY_TEXTS: Record<string, { titles: string[]; requests: string[] }> = {
  general: {
    titles: ['Call back about visit question', 'Update contact details'],
    requests: ['Caller asks for a call back about {topic}.', 'Patient moved; new address and phone to update.'],
  },
  appointment_reschedule: {
    titles: ['Reschedule follow-up visit', 'Move annual physical', 'Rebook missed appointment', 'Reschedule after provider out'],
    requests: [
      'Patient cannot make {day} appointment, asks for a morning slot.',
      'Work conflict; wants a visit after 3 pm next week.',
      'Missed the visit on {day}; asks to rebook with {provider}.',
    ],
  },
  medication_refill: {
    titles: ['Refill request: {med}', 'Pharmacy refill request: {med}', '90-day supply request: {med}'],
    requests: [
      'Pharmacy faxed a refill request for {med}; last visit {months} months ago.',
      'Patient out of {med} in 3 days, asks for a refill to the usual pharmacy.',
      'Mail-order pharmacy asks for a 90-day supply of {med}.',
    ],
  },
  missing_paperwork: {
    titles: ['Intake packet missing insurance card', 'Consent form not signed', 'Release of information form missing'],
    requests: [
      'New patient packet came back without the insurance card copy.',
      'Consent for telehealth not on file before the {day} visit.',
    ],
  },
  portal_message: {
    titles: ['Portal question about visit summary', 'Portal: question about a bill', 'Portal: asks about test prep'],
    requests: [
      'Patient asks through the portal what the visit summary means by {topic}.',
      'Asks whether to fast before the {day} lab draw.',
    ],
  },
  prior_auth_follow_up: {
    titles: ['Prior auth: MRI lumbar spine', 'Prior auth: CPAP supplies', 'Prior auth: {med}', 'Prior auth: sleep study'],
    requests: [
      '{payer} needs clinical notes for the MRI request; portal shows pending.',
      '{payer} asks for the last two office notes before approving {med}.',
      'Authorization for the sleep study expired; resubmit to {payer}.',
    ],
  },
  outbound_referral: {
    titles: ['Referral to cardiology', 'Referral to physical therapy', 'Referral to dermatology', 'Referral to endocrinology'],
    requests: [
      '{provider} refers to {specialty}; send notes and last labs.',
      'Patient asks for a {specialty} referral in network with {payer}.',
    ],
  },
  inbound_referral: {
    titles: ['Inbound referral from urgent care', 'New patient referral from a specialist'],
    requests: ['Urgent care sent a referral for follow-up of {topic}.', 'Specialist office refers back for primary care follow-up.'],
  },
  records_request: {
    titles: ['Records request from specialist office', 'Patient requests immunization record', 'Records for disability claim'],
    requests: ['{specialty} office asks for the last year of notes.', 'Patient needs the immunization record for school by {day}.'],
  },
  claim_status_check: {
    titles: ['Claim pending over 30 days', 'Claim status: lab panel', 'Claim status: annual physical'],
    requests: ['{payer} claim for the {day} visit still pending.', 'Lab claim shows no response from {payer} after 45 days.'],
  },
  denial_follow_up: {
    titles: ['Denial: missing modifier 25', 'Denial: eligibility terminated', 'Denial: duplicate claim'],
    requests: [
      '{payer} denied for a missing modifier; correct and resubmit.',
      '{payer} says coverage ended last month; check new insurance.',
    ],
  },
  patient_balance_question: {
    titles: ['Patient disputes balance after EOB', 'Payment plan request'],
    requests: ['Patient says {payer} should have paid the {day} visit in full.', 'Asks to split the balance over three months.'],
  },
  coding_clarification: {
    titles: ['Clarify E/M level for visit', 'ICD-10 code needed for referral'],
    requests: ['Billing asks {provider} to confirm the visit level for the {day} visit.', 'Referral needs a diagnosis code for {topic}.'],
  },
  lab_result_follow_up: {
    titles: ['Abnormal A1c result follow-up', 'Call patient with lipid panel results', 'Follow up on thyroid panel'],
    requests: [
      '{provider} wants the patient called about the A1c result and a visit booked.',
      'Lipid panel back; {provider} asks to discuss diet and recheck in 3 months.',
    ],
  },
  provider_request: {
    titles: ['Order wound care supplies', 'Schedule nurse visit for injection', 'Prepare forms for home health'],
    requests: [
      '{provider} asks for supplies for a dressing change at home.',
      '{provider} wants a nurse visit for the B12 injection next week.',
    ],
  },
  supply_request: {
    titles: ['Order otoscope covers', 'Restock exam room gloves', 'Order flu vaccine log sheets'],
    requests: ['Exam rooms are out of otoscope covers.', 'Glove stock is low in rooms 2 and 4.'],
  },
  clinical_review_sign_off: {
    titles: ['Sign off refill protocol exception', 'Review outside lab before referral'],
    requests: [
      'Outside lab results need {provider} review before the referral goes out.',
      'Refill protocol exception for {med} needs sign-off.',
    ],
  },
  facilities_issue: {
    titles: ['Exam room light flickering', 'Waiting room door sticks', 'Printer at front desk jams'],
    requests: ['Light in exam room 3 flickers all afternoon.', 'The front desk printer jams on every second page.'],
  },
};

export const FILL: Record<string, string[]> = {
  topic: ['blood pressure', 'a rash', 'knee pain', 'a cough', 'sleep problems', 'a medication change'],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  med: ['lisinopril 10 mg', 'metformin 500 mg', 'atorvastatin 20 mg', 'levothyroxine 50 mcg', 'amlodipine 5 mg', 'sertraline 50 mg'],
  months: ['3', '5', '7', '11'],
  payer: ['Blue Valley Health', 'Keystone Mutual', 'Medicare', 'Summit Care'],
  provider: ['Dr. Chen', 'Dr. Raman', 'Dr. Webb'],
  specialty: ['cardiology', 'physical therapy', 'dermatology', 'endocrinology', 'orthopedics'],
};
