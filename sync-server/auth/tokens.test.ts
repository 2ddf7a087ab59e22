// Session tokens are checked once and remembered (tokens.ts): what was refused before the memory
// must still be refused with it. An attacker who skips the UI sends altered, foreign and expired
// tokens after a valid one was seen.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenService } from './tokens';

const claims = { sub: 'u-frontdesk', ws: 'ws-front-1', sid: 's-1' };

describe('session token checks', () => {
  it('a token seen valid once expires on time by the same clock', async () => {
    let clock = Date.parse('2026-12-07T10:00:00Z');
    const tokens = createTokenService(randomBytes(32), 900, () => clock);
    const token = await tokens.issue(claims);
    expect(await tokens.verify(token)).toMatchObject({ sub: 'u-frontdesk', sid: 's-1' });
    clock += 899_000;
    expect(await tokens.verify(token)).toMatchObject({ sub: 'u-frontdesk' });
    clock += 1_000;
    expect(await tokens.verify(token)).toBeUndefined();
    clock += 3_600_000;
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it('after a valid token was seen, an altered copy of it is still refused', async () => {
    const tokens = createTokenService(randomBytes(32), 900);
    const token = await tokens.issue(claims);
    expect(await tokens.verify(token)).toBeDefined();
    const [header, payload, signature] = token.split('.');
    const otherUser = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'u-admin' })).toString(
      'base64url',
    );
    expect(await tokens.verify(`${header}.${otherUser}.${signature}`)).toBeUndefined();
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'AB' : 'AA');
    expect(await tokens.verify(`${header}.${payload}.${flipped}`)).toBeUndefined();
    // The valid one still passes after the refusals.
    expect(await tokens.verify(token)).toMatchObject({ sub: 'u-frontdesk' });
  });

  it("a token signed with another server's key is refused, whatever this server has seen", async () => {
    const ours = createTokenService(randomBytes(32), 900);
    const theirs = createTokenService(randomBytes(32), 900);
    expect(await ours.verify(await ours.issue(claims))).toBeDefined();
    expect(await ours.verify(await theirs.issue(claims))).toBeUndefined();
  });
});
