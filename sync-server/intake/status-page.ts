// The status link's page: the request's state in plain words, and while the practice waits on the
// patient, its question and a form to answer it. Nothing else about the task is on it.
import { REQUEST_LIMITS, STATUS_WORDS, type PatientRequestState } from '../../shared/intake/patient-request';
import { esc, pageHtml } from './request-html';

export const statusPagePath = (token: string) => `/request/status/${token}`;

export interface StatusView {
  state: PatientRequestState;
  /** The answer form's token (only while it waits on the patient). */
  formToken: string;
  /** Just answered: thank them. */
  answered: boolean;
  answerProblem?: string;
  answerValue?: string;
}

const dateText = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));

export function statusPage(practiceName: string, timeZone: string, token: string, view: StatusView): string {
  const { state } = view;
  const words = STATUS_WORDS[state.status];
  const thanks = view.answered ? '<div class="notice" role="status"><p>Thank you: we have your answer.</p></div>\n' : '';
  const waiting = state.status === 'waiting_on_you';
  const problem = view.answerProblem;
  const answer = waiting
    ? `<h2>Our question</h2>
${state.question ? `<p class="question">${esc(state.question)}</p>` : '<p>Please call the office, or answer below.</p>'}
<h2>Answer us</h2>
<form method="post" action="${esc(statusPagePath(token))}">
<input type="hidden" name="formToken" value="${esc(view.formToken)}">
<div class="field">
<label for="answer">Your answer</label>
${problem ? `<p class="error" id="answer-error">${esc(problem)}</p>\n` : ''}<textarea id="answer" name="answer" required maxlength="${REQUEST_LIMITS.answer}"${problem ? ' aria-invalid="true" aria-describedby="answer-error"' : ''}>${esc(view.answerValue ?? '')}</textarea>
</div>
<button type="submit">Send answer</button>
</form>`
    : '';
  const main = `<h1>Your request</h1>
${thanks}<p class="status">${esc(words.title)}</p>
<p>${esc(words.detail)}</p>
<p>Last update: ${esc(dateText(state.updatedAt, timeZone))}</p>
${answer}`;
  return pageHtml('Your request', practiceName, main);
}
