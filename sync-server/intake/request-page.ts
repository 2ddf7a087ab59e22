// The patient request page of a location: the request types it offers (links, so the page works
// without script), then the chosen type's form: its fields, a contact, the request text and a
// document. A refused form comes back with what was typed, each problem at its field and in a
// summary at the top; a filed one answers the status link.
import type { RequestField, RequestTypeConfig } from '../../shared/config/schemas';
import { REQUEST_LIMITS } from '../../shared/intake/patient-request';
import { esc, pageHtml } from './request-html';

export type RequestType = RequestTypeConfig & { id: string };

/** The form field names of the page (the API's `fields` take the type's field ids as they are). */
export const FORM = {
  typeId: 'typeId',
  contact: 'contact',
  text: 'text',
  document: 'document',
  token: 'formToken',
  honeypot: 'website',
} as const;
export const fieldName = (id: string) => `field:${id}`;

const requestPagePath = (locationId: string, typeId?: string) =>
  `/request/${encodeURIComponent(locationId)}${typeId ? `?type=${encodeURIComponent(typeId)}` : ''}`;

export function typeListPage(practiceName: string, locationId: string, types: RequestType[]): string {
  const items = types
    .map(
      (t) =>
        `<li><a href="${esc(requestPagePath(locationId, t.id))}"><strong>${esc(t.label)}</strong>${t.hint ? `<span>${esc(t.hint)}</span>` : ''}</a></li>`,
    )
    .join('\n');
  const body = types.length
    ? `<p>Choose what your request is about.</p>\n<nav aria-label="Request types"><ul class="types">\n${items}\n</ul></nav>`
    : '<p>This practice does not take requests online. Please call the office.</p>';
  return pageHtml('Send a request', practiceName, `<h1>Send a request to ${esc(practiceName)}</h1>\n${body}`);
}

export interface FormState {
  values: Record<string, string>;
  problems: Record<string, string>;
}

const INPUT_TYPES: Record<RequestField['kind'], string> = { text: 'text', long_text: '', date: 'date', phone: 'tel', email: 'email' };
const AUTOCOMPLETE: Record<string, string> = { name: 'name', dob: 'bday' };

/** One labelled control with its error tied to it (aria-describedby, aria-invalid). */
function control(
  name: string,
  label: string,
  kind: RequestField['kind'],
  required: boolean,
  state: FormState,
  extra: { hint?: string; maxLength: number; autocomplete?: string },
): string {
  const id = name.replace(/[^a-z0-9_-]/gi, '-');
  const problem = state.problems[name];
  const described = [extra.hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attributes = [
    `id="${id}"`,
    `name="${esc(name)}"`,
    `maxlength="${extra.maxLength}"`,
    required ? 'required' : '',
    described ? `aria-describedby="${described}"` : '',
    problem ? 'aria-invalid="true"' : '',
    extra.autocomplete ? `autocomplete="${extra.autocomplete}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const value = state.values[name] ?? '';
  const input =
    kind === 'long_text'
      ? `<textarea ${attributes}>${esc(value)}</textarea>`
      : `<input type="${INPUT_TYPES[kind]}" ${attributes} value="${esc(value)}">`;
  return `<div class="field">
<label for="${id}">${esc(label)}${required ? '' : ' (optional)'}</label>
${extra.hint ? `<span class="hint" id="${id}-hint">${esc(extra.hint)}</span>\n` : ''}${problem ? `<p class="error" id="${id}-error">${esc(problem)}</p>\n` : ''}${input}
</div>`;
}

function errorSummary(problems: Record<string, string>): string {
  const entries = Object.entries(problems);
  if (!entries.length) return '';
  // A field's problem links to the field; the form's own (its token) is text.
  const item = (name: string, message: string) =>
    name === FORM.token ? `<li>${esc(message)}</li>` : `<li><a href="#${name.replace(/[^a-z0-9_-]/gi, '-')}">${esc(message)}</a></li>`;
  const items = entries.map(([name, message]) => item(name, message)).join('\n');
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please check your request</h2>
<ul>
${items}
</ul>
</div>\n`;
}

export function requestFormPage(practiceName: string, locationId: string, type: RequestType, formToken: string, state: FormState): string {
  const fields = type.fields
    .map((f) =>
      control(fieldName(f.id), f.label, f.kind, f.required, state, {
        maxLength: f.kind === 'long_text' ? REQUEST_LIMITS.longField : REQUEST_LIMITS.field,
        autocomplete: AUTOCOMPLETE[f.id],
      }),
    )
    .join('\n');
  const main = `<h1>${esc(type.label)}</h1>
${type.hint ? `<p>${esc(type.hint)}</p>\n` : ''}${errorSummary(state.problems)}<form method="post" action="${esc(requestPagePath(locationId, type.id))}" enctype="multipart/form-data">
<input type="hidden" name="${FORM.token}" value="${esc(formToken)}">
<input type="hidden" name="${FORM.typeId}" value="${esc(type.id)}">
${fields ? `<fieldset>\n<legend>About you</legend>\n${fields}\n</fieldset>\n` : ''}<fieldset>
<legend>How can we reach you?</legend>
${control(FORM.contact, 'Phone number or e-mail address', 'text', true, state, { maxLength: REQUEST_LIMITS.contact, autocomplete: 'tel', hint: 'We use it only to answer this request.' })}
</fieldset>
<fieldset>
<legend>Your request</legend>
${control(FORM.text, 'What do you need?', 'long_text', true, state, { maxLength: REQUEST_LIMITS.text, hint: 'Please do not include more health details than we need for this request.' })}
<div class="field">
<label for="document">A document (optional)</label>
<span class="hint" id="document-hint">A PDF or a photo, e.g. a form or a letter.</span>
${state.problems[FORM.document] ? `<p class="error" id="document-error">${esc(state.problems[FORM.document])}</p>\n` : ''}<input type="file" id="document" name="${FORM.document}" accept="application/pdf,image/jpeg,image/png" aria-describedby="document-hint${state.problems[FORM.document] ? ' document-error' : ''}">
</div>
</fieldset>
<div class="hp" aria-hidden="true"><label for="website">Leave this empty</label><input type="text" id="website" name="${FORM.honeypot}" tabindex="-1" autocomplete="off"></div>
<button type="submit">Send request</button>
</form>
<p><a href="${esc(requestPagePath(locationId))}">Choose another kind of request</a></p>`;
  return pageHtml(type.label, practiceName, main);
}

export function filedPage(practiceName: string, statusUrl: string, days: number): string {
  return pageHtml(
    'Request sent',
    practiceName,
    `<h1>Thank you: we have your request</h1>
<div class="notice" role="status">
<p>Keep this link to see where your request is and to answer if we have a question. It works for ${days} days, and only for this request.</p>
<p class="link"><a href="${esc(statusUrl)}">${esc(statusUrl)}</a></p>
</div>
<p>Anyone with the link can see the request's status (not its content), so keep it to yourself.</p>`,
  );
}
