import { describe, expect, it } from 'vitest';
import { blankRequestType, requestTypeFromForm, requestTypeToForm } from './request-type-form';

describe('the request type form', () => {
  const form = () => ({ ...requestTypeToForm(blankRequestType()), label: 'Referral copy', taskTypeId: 'records_request' });

  it('gives a new field an id from its label and keeps a saved field’s id', () => {
    const result = requestTypeFromForm({
      ...form(),
      fields: [
        { id: 'name', label: 'Full name (as on your card)', kind: 'text', required: true },
        { id: '', label: 'Which specialist?', kind: 'text', required: false },
        { id: '', label: 'Which specialist?', kind: 'long_text', required: false },
        { id: '', label: '2nd phone', kind: 'phone', required: false },
      ],
    });
    expect(result.ok && result.body.fields.map((f) => f.id)).toEqual(['name', 'which_specialist', 'which_specialist_2', 'f_2nd_phone']);
  });

  it('refuses a link lifetime that is not a number of days from 1 to 365, and a field without a label', () => {
    const days = requestTypeFromForm({ ...form(), statusLinkDays: 'soon' });
    expect(!days.ok && days.errors.statusLinkDays).toBe('Enter a number');
    expect(requestTypeFromForm({ ...form(), statusLinkDays: '400' }).ok).toBe(false);
    const unlabelled = requestTypeFromForm({ ...form(), fields: [{ id: '', label: ' ', kind: 'text', required: true }] });
    expect(unlabelled.ok).toBe(false);
  });
});
