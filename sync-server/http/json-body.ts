// JSON request bodies: Fastify's own parser (it refuses __proto__ and constructor keys), after a
// linear check of the nesting depth. V8's JSON.parse took seconds on a 2 MB body nested 400,000
// levels deep (it grows faster than the size), and the whole server stood still meanwhile (found
// by the fuzzer, tests/fuzz). The bound is far above any Baton body and far below where parsing
// slows: a push row nested deeper than a document may be (sync/limits.ts, 32 levels) still parses,
// so that row alone is refused and the valid rows of its batch apply.
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors/http-error';

export const MAX_JSON_DEPTH = 10_000;

/** Whether `text` nests arrays or objects deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export function registerJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(new HttpError(400, 'bad_request', `Invalid JSON body: nested more than ${MAX_JSON_DEPTH} levels deep`), undefined);
      return;
    }
    // Fastify's default parser answers through `done`; its type also allows the promise form, answered the same way.
    const parsed = parse(request, body as string, done);
    if (parsed)
      parsed.then(
        (value: unknown) => done(null, value),
        (error: Error) => done(error, undefined),
      );
  });
}
