// The patient request page and its status link, served without a session: the page of a location
// (`/request/<locationId>`), its form post, the status page (`/request/status/<token>`) and its
// answer form; the same as JSON (`POST /api/intake/requests`, `GET /api/intake/status/:token`).
// Abuse: a ceiling per address on each route, a honeypot field and a signed minimum fill time on
// the forms, size limits on every field and the body. A refusal files nothing.
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  PatientAnswer,
  PatientRequest,
  REQUEST_LIMITS,
  requestTypesOf,
  type PatientRequestFiled,
  type PatientRequestState,
} from '../../shared/intake/patient-request';
import { sizeText } from '../../shared/attachments/attachment';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { checkFormToken, issueFormToken, type FormTokenCheck } from '../intake/form-token';
import { answerRequest, auditStatusRead, filePatientRequest, openLink, RequestProblems, stateOf } from '../intake/patient-requests';
import { messagePage, STYLESHEET, STYLESHEET_PATH } from '../intake/request-html';
import { fieldName, filedPage, FORM, requestFormPage, typeListPage } from '../intake/request-page';
import { statusPage, statusPagePath } from '../intake/status-page';
import type { SyncContext } from '../sync/context';
import { readMultipart } from './multipart';
import { underRequestLimit, type RequestLimit } from './request-limits';

export interface PatientRequestLimits {
  /** Requests filed (form or API) per address. */
  filings: RequestLimit;
  /** Status reads and answers per address. */
  status: RequestLimit;
}

/** A family sending a few requests from home, or a waiting room's shared address: far above; a bot: far below. */
export const DEFAULT_PATIENT_REQUEST_LIMITS: PatientRequestLimits = {
  filings: { max: 10, windowMs: 10 * 60_000 },
  status: { max: 60, windowMs: 60_000 },
};

export interface PatientRequestOptions {
  limits: PatientRequestLimits;
  /** The form tokens' key (form-token.ts). */
  formKey: Buffer;
  /** The server's clock, epoch ms (tests move it). */
  now: () => number;
  /** Origins that may frame the pages (the practice's web site); none: no one may. */
  frameAncestors: string[];
  /** A form post sooner than this after the page was served is refused. */
  minFillMs: number;
}

/** A path without a status link's token (it opens the request's status): for log lines. */
export const withoutStatusToken = (path: string) => path.replace(/^((?:\/api\/intake|\/request)\/status\/)[^/?]+/, '$1[redacted]');

const FORM_BODY = { bodyLimit: REQUEST_LIMITS.bodyBytes } as const;

/** The pages' headers: no script at all, styles from here only, never cached, framed only where the README says. */
function securityHeaders(reply: FastifyReply, frameAncestors: string[]): void {
  const frame = frameAncestors.length ? frameAncestors.join(' ') : "'none'";
  reply.header(
    'content-security-policy',
    `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${frame}`,
  );
  if (!frameAncestors.length) reply.header('x-frame-options', 'DENY');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  reply.header('cache-control', 'no-store');
}

const FORM_REFUSALS: Record<Exclude<FormTokenCheck, 'ok'>, string> = {
  invalid: 'This form could not be checked. Please open the request page again and send it from there.',
  too_fast: 'That was sent faster than a person can fill in the form. Please check your request and send it again.',
  stale: 'This page was open too long. Please open the request page again.',
};

export function registerPatientRequestRoutes(app: FastifyInstance, sync: SyncContext, options: PatientRequestOptions): void {
  const { formKey, now, frameAncestors, minFillMs } = options;
  const practiceName = async (locationId: string) => (await sync.practice.get()).locations.get(locationId)?.label ?? 'Your practice';
  const timeZoneOf = async (locationId: string) => (await sync.practice.get()).locations.get(locationId)?.timeZone ?? 'UTC';
  const html = (reply: FastifyReply, status: number, page: string) => reply.status(status).type('text/html; charset=utf-8').send(page);
  const attachmentLimits = () => {
    if (!sync.attachments) throw new HttpError(503, 'attachments_unavailable', 'This server keeps no documents');
    return sync.attachments.limits;
  };
  const formScope = (locationId: string) => `request:${locationId}`;
  const answerScope = (token: string) => `answer:${token}`;

  void app.register(async (scope) => {
    // Only these routes take a plain form post (no other route reads one).
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.addHook('onSend', async (request, reply) => {
      securityHeaders(reply, request.url.startsWith('/api/') ? [] : frameAncestors);
    });
    // The pages answer a refusal as a page; the API as its usual JSON.
    scope.setErrorHandler(async (error: Error, request, reply) => {
      const status = error instanceof HttpError ? error.statusCode : ((error as { statusCode?: number }).statusCode ?? 500);
      const message = status >= 500 ? 'Something went wrong on our side. Please try again later or call the office.' : error.message;
      if (status >= 500) request.log.error({ err: { message: error.message } }, 'patient request failed');
      if (request.url.startsWith('/api/')) {
        const body = error instanceof HttpError ? error.toBody() : { error: status >= 500 ? 'internal' : 'bad_request', message };
        return reply.status(status).send(error instanceof RequestProblems ? { ...body, problems: error.problems } : body);
      }
      const title = status === 410 ? 'This link has expired' : status === 404 ? 'Not found' : status === 429 ? 'Please wait' : 'Not sent';
      return html(reply, status, messagePage(title, 'Your practice', message));
    });

    scope.get(STYLESHEET_PATH, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return reply.type('text/css; charset=utf-8').send(STYLESHEET);
    });

    scope.get('/request/:locationId', async (request, reply) => {
      const { locationId } = request.params as { locationId: string };
      const { type: typeId } = request.query as { type?: string };
      const practice = await sync.practice.get();
      if (!practice.locations.has(locationId)) throw new HttpError(404, 'not_found', 'This practice has no request page at this address.');
      const types = requestTypesOf(practice, locationId);
      const name = await practiceName(locationId);
      // One type only: its form at once.
      const type = types.find((t) => t.id === typeId) ?? (types.length === 1 ? types[0] : undefined);
      if (!type) return html(reply, typeId ? 404 : 200, typeListPage(name, locationId, types));
      return html(
        reply,
        200,
        requestFormPage(name, locationId, type, issueFormToken(formKey, now(), formScope(locationId)), { values: {}, problems: {} }),
      );
    });

    scope.post('/request/:locationId', { ...underRequestLimit(options.limits.filings), ...FORM_BODY }, async (request, reply) => {
      const { locationId } = request.params as { locationId: string };
      // The page posts multipart (with its document); a plain form post carries no document.
      const sent = request.isMultipart() ? await readMultipart(request, attachmentLimits(), { reportOversized: true }) : undefined;
      const form = sent ? sent.fields : formValues(request.body);
      // Only the document input's file; left empty, it still sends a part: no name, no bytes.
      const files = (sent?.files ?? [])
        .filter(({ part, file }) => part === FORM.document && (file.name !== '' || file.bytes.length > 0))
        .map(({ file }) => file);
      const practice = await sync.practice.get();
      if (!practice.locations.has(locationId)) throw new HttpError(404, 'not_found', 'This practice has no request page at this address.');
      const type = requestTypesOf(practice, locationId).find((t) => t.id === form[FORM.typeId]);
      if (!type) throw new HttpError(400, 'bad_request', 'Choose what your request is about on the request page.');
      // A person never fills in the hidden field; a bot filling every field does. Refused as plainly as any other.
      if (form[FORM.honeypot]) throw new HttpError(400, 'bad_request', 'This request could not be sent. Please call the office.');
      const check = checkFormToken(formKey, form[FORM.token], now(), formScope(locationId), minFillMs);
      const name = await practiceName(locationId);
      const again = (problems: Record<string, string>, status = 400) =>
        html(
          reply,
          status,
          requestFormPage(name, locationId, type, issueFormToken(formKey, now(), formScope(locationId)), { values: form, problems }),
        );
      if (check === 'invalid' || check === 'stale') throw new HttpError(400, 'bad_request', FORM_REFUSALS[check]);
      if (check === 'too_fast') return again({ [FORM.token]: FORM_REFUSALS.too_fast });
      // A document over the size: said at the file input, with everything typed still in the form.
      const oversized = sent?.oversized.find(({ part }) => part === FORM.document);
      if (oversized)
        return again(
          { [FORM.document]: `“${oversized.name}” is larger than ${sizeText(attachmentLimits().maxBytes)}. Please choose a smaller file.` },
          413,
        );
      const fields = Object.fromEntries(type.fields.map((f) => [f.id, form[fieldName(f.id)] ?? '']));
      const body = { locationId, typeId: type.id, contact: form[FORM.contact] ?? '', text: form[FORM.text] ?? '', fields };
      const parsed = PatientRequest.safeParse(body);
      if (!parsed.success) return again({ [FORM.text]: 'Something in the request is too long. Please shorten it.' });
      try {
        const { statusToken } = await filePatientRequest(sync, parsed.data, new Date(now()), files);
        const url = `${request.protocol}://${request.host}${statusPagePath(statusToken)}`;
        return html(reply, 201, filedPage(name, url, type.statusLinkDays));
      } catch (error) {
        if (error instanceof RequestProblems) return again(error.problems);
        // A document the task may not hold (type, size): said at the file input, nothing filed.
        if (error instanceof HttpError && [413, 415].includes(error.statusCode))
          return again({ [FORM.document]: error.message }, error.statusCode);
        throw error;
      }
    });

    scope.get('/request/status/:token', underRequestLimit(options.limits.status), async (request, reply) => {
      const { token } = request.params as { token: string };
      const opened = await openLink(sync, token, new Date(now()));
      await auditStatusRead(sync, opened);
      const { answered } = request.query as { answered?: string };
      const { locationId } = opened.link;
      return html(
        reply,
        200,
        statusPage(await practiceName(locationId), await timeZoneOf(locationId), token, {
          state: stateOf(opened.task),
          formToken: issueFormToken(formKey, now(), answerScope(token)),
          answered: answered === '1',
        }),
      );
    });

    scope.post('/request/status/:token', { ...underRequestLimit(options.limits.status), ...FORM_BODY }, async (request, reply) => {
      const { token } = request.params as { token: string };
      const opened = await openLink(sync, token, new Date(now()));
      const form = formValues(request.body);
      const { locationId } = opened.link;
      const check = checkFormToken(formKey, form.formToken, now(), answerScope(token), minFillMs);
      const parsed = PatientAnswer.safeParse({ answer: form.answer ?? '' });
      const problem = check !== 'ok' ? FORM_REFUSALS[check] : parsed.success ? undefined : parsed.error.issues[0].message;
      if (problem || !parsed.success) {
        return html(
          reply,
          400,
          statusPage(await practiceName(locationId), await timeZoneOf(locationId), token, {
            state: stateOf(opened.task),
            formToken: issueFormToken(formKey, now(), answerScope(token)),
            answered: false,
            answerProblem: problem,
            answerValue: (form.answer ?? '').slice(0, REQUEST_LIMITS.answer),
          }),
        );
      }
      await answerRequest(sync, opened, parsed.data.answer, new Date(now()));
      // Post, redirect, get: a reload does not send the answer twice.
      return reply.redirect(`${statusPagePath(token)}?answered=1`, 303);
    });

    // JSON: no page is served, so no form token; a browser on another site cannot send JSON here
    // (it is not a simple request and CORS allows only the configured origins), and the ceiling
    // per address is the filing routes' own.
    scope.post(
      '/api/intake/requests',
      { ...underRequestLimit(options.limits.filings), ...FORM_BODY },
      async (request, reply): Promise<PatientRequestFiled> => {
        if (!request.headers['content-type']?.startsWith('application/json'))
          throw new HttpError(415, 'unsupported_media_type', 'Send the request as JSON (Content-Type: application/json)');
        const body = parseOrBadRequest(PatientRequest, request.body, 'patient request ({locationId, typeId, contact, text, fields?})');
        const { statusToken } = await filePatientRequest(sync, body, new Date(now()));
        reply.status(201);
        return { statusToken };
      },
    );

    scope.get('/api/intake/status/:token', underRequestLimit(options.limits.status), async (request): Promise<PatientRequestState> => {
      const { token } = request.params as { token: string };
      const opened = await openLink(sync, token, new Date(now()));
      await auditStatusRead(sync, opened);
      return stateOf(opened.task);
    });
  });
}

/** A form body's fields as strings (a repeated field: its last value; anything else: left out). */
function formValues(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
