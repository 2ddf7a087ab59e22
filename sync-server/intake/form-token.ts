// The request page's form token: when the page was served, signed by the server, rendered into
// the form. A post without it, with a forged one, or sooner than a person can fill the form in is
// refused (bots post at once, or without loading the page). No state is kept: the signature proves
// the time. Every instance derives the same key from the token secret, so any instance checks it.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A page left open longer than this is loaded again (the form keeps nothing). */
const MAX_FILL_MS = 24 * 60 * 60 * 1000;

export type FormTokenCheck = 'ok' | 'invalid' | 'too_fast' | 'stale';

/** The form-token key: one purpose, derived from a server secret. */
export const formTokenKey = (secret: Buffer): Buffer => createHmac('sha256', secret).update('baton request form v1').digest();

const sign = (key: Buffer, issuedAt: number, scope: string) =>
  createHmac('sha256', key).update(`${issuedAt}\n${scope}`).digest('base64url');

/** A token for a form served now; `scope` names the form (its location, or its status link). */
export function issueFormToken(key: Buffer, now: number, scope: string): string {
  return `${now}.${sign(key, now, scope)}`;
}

/** `minFillMs`: faster than a person reads the page and types a request (BATON_REQUEST_MIN_FILL_SECONDS, default 3). */
export function checkFormToken(key: Buffer, token: string | undefined, now: number, scope: string, minFillMs: number): FormTokenCheck {
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return 'invalid';
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(sign(key, issuedAt, scope));
  if (!timingSafeEqual(expected, Buffer.from(match[2]))) return 'invalid';
  if (now - issuedAt < minFillMs) return 'too_fast';
  if (now - issuedAt > MAX_FILL_MS) return 'stale';
  return 'ok';
}
