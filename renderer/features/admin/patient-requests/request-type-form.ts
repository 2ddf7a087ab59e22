// The request type editor's form ⇄ its config body: numbers are text until saved, and a new field
// gets its id from its label (ids name the fields in the API, so a saved field keeps its id).
import type { RequestField, RequestTypeConfig } from '../../../../shared/config/schemas';
import { slugKey, toNumber, validateBody, type Validated } from '../admin-forms';

export interface RequestTypeForm extends Omit<RequestTypeConfig, 'statusLinkDays' | 'order' | 'fields'> {
  statusLinkDays: string;
  order: string;
  /** `id` '' until saved: made from the label then. */
  fields: RequestField[];
}

export const blankRequestType = (): RequestTypeConfig => ({
  label: '',
  hint: '',
  taskTypeId: '',
  locationIds: [],
  fields: [
    { id: 'name', label: 'Your full name', kind: 'text', required: true },
    { id: 'dob', label: 'Date of birth', kind: 'date', required: true },
  ],
  statusLinkDays: 30,
  order: 100,
  active: true,
});

export const requestTypeToForm = (body: RequestTypeConfig): RequestTypeForm => ({
  ...body,
  statusLinkDays: String(body.statusLinkDays),
  order: String(body.order),
});

/** A field id from its label: lower-case letters, digits and _, starting with a letter, unique. */
function fieldId(label: string, taken: string[]): string {
  const slug = slugKey(label, [], 'field').slice(0, 28).replace(/_+$/, '');
  return slugKey(/^[a-z]/.test(slug) ? slug : `f_${slug}`, taken, 'field');
}

export function requestTypeFromForm(form: RequestTypeForm): Validated<RequestTypeConfig> {
  const taken = form.fields.map((f) => f.id).filter(Boolean);
  const fields = form.fields.map((f) => {
    const label = f.label.trim();
    if (f.id) return { ...f, label };
    const id = fieldId(label, taken);
    taken.push(id);
    return { ...f, id, label };
  });
  return validateBody('request_type', {
    ...form,
    label: form.label.trim(),
    hint: form.hint.trim(),
    fields,
    statusLinkDays: toNumber(form.statusLinkDays),
    order: toNumber(form.order),
  });
}
