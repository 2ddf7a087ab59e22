// The request page's form token: proves when its form was served, for which form, by this server.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFormToken, formTokenKey, issueFormToken } from './form-token';

const key = formTokenKey(randomBytes(32));
const served = Date.parse('2026-12-06T15:00:00Z');
const token = issueFormToken(key, served, 'request:loc-main');

describe('the form token', () => {
  it('passes from the minimum fill time until a day after the page was served', () => {
    expect(checkFormToken(key, token, served + 2_999, 'request:loc-main', 3_000)).toBe('too_fast');
    expect(checkFormToken(key, token, served + 3_000, 'request:loc-main', 3_000)).toBe('ok');
    expect(checkFormToken(key, token, served + 24 * 3_600_000, 'request:loc-main', 3_000)).toBe('ok');
    expect(checkFormToken(key, token, served + 24 * 3_600_000 + 1, 'request:loc-main', 3_000)).toBe('stale');
  });

  it('is refused for another form, with its time moved back, under another server’s key, or malformed', () => {
    const later = served + 10_000;
    expect(checkFormToken(key, token, later, 'request:loc-north', 3_000)).toBe('invalid');
    expect(checkFormToken(key, token.replace(String(served), String(served - 60_000)), later, 'request:loc-main', 3_000)).toBe('invalid');
    expect(checkFormToken(formTokenKey(randomBytes(32)), token, later, 'request:loc-main', 3_000)).toBe('invalid');
    for (const bad of [undefined, '', 'abc', `${served}.short`, `${served}.${'A'.repeat(43)}x`])
      expect(checkFormToken(key, bad, later, 'request:loc-main', 3_000)).toBe('invalid');
  });
});
