// Session tokens: short JWTs signed with the token secret (kept in the secrets folder or the
// environment, never in the database). Each names its key (`kid`), so a rotated-out key still
// verifies what it signed before it was retired (secrets/token-keys.ts) and nothing else.
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { tokenKeyId, type RetiredTokenKey } from '../secrets/token-keys';

/** sub: user id; ws: workstation id; wse: the workstation proved its enrollment; sid: session id; exp: epoch seconds. */
const Claims = z.object({
  sub: z.string(),
  ws: z.string(),
  sid: z.string(),
  wse: z.boolean().default(false),
  exp: z.number(),
  iat: z.number().optional(),
});
export type SessionClaims = z.infer<typeof Claims>;

export interface TokenService {
  /** Signs a token that expires after the configured lifetime, or at `expiresAt` (epoch seconds) if sooner. */
  issue(claims: Omit<z.input<typeof Claims>, 'exp' | 'iat'>, expiresAt?: number): Promise<string>;
  /** The claims of a valid token, or undefined. */
  verify(token: string): Promise<SessionClaims | undefined>;
}

/** Verified tokens kept at most (a few per signed-in workstation; each is well under 1 kB). */
const VERIFIED_TOKENS_MAX = 10_000;

/** `now` (epoch ms) is the server's clock; tests move it to expire tokens without waiting. */
export function createTokenService(
  secret: Buffer,
  ttlSeconds: number,
  now: () => number = Date.now,
  retired: RetiredTokenKey[] = [],
): TokenService {
  const currentId = tokenKeyId(secret);
  const retiredById = new Map(retired.map((k) => [tokenKeyId(k.key), k]));
  /**
   * Tokens whose signature was checked, with their claims: every request of a session carries the
   * same token, and checking its HMAC through WebCrypto cost about 1 ms of each push and pull. The
   * token string itself is the key, so only the exact bytes once verified match; expiry is still
   * checked on every use, against the same clock.
   */
  const verified = new Map<string, SessionClaims>();
  const expired = (claims: SessionClaims) => claims.exp <= Math.floor(now() / 1000);
  return {
    issue: (claims, expiresAt) => {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ ws: claims.ws, sid: claims.sid, wse: claims.wse ?? false })
        .setProtectedHeader({ alg: 'HS256', kid: currentId })
        .setSubject(claims.sub)
        .setIssuedAt(issuedAt)
        .setExpirationTime(Math.min(issuedAt + ttlSeconds, expiresAt ?? Infinity))
        .sign(secret);
    },
    verify: async (token) => {
      const known = verified.get(token);
      if (known) {
        if (!expired(known)) return known;
        verified.delete(token);
        return undefined;
      }
      try {
        const { kid } = decodeProtectedHeader(token);
        // No kid: a token from before key ids, signed with the key that is still current.
        const old = kid === undefined || kid === currentId ? undefined : retiredById.get(kid);
        if (kid !== undefined && kid !== currentId && !old) return undefined;
        const { payload } = await jwtVerify(token, old?.key ?? secret, { algorithms: ['HS256'], currentDate: new Date(now()) });
        const claims = Claims.safeParse(payload);
        if (!claims.success) return undefined;
        // A retired key counts only for what it signed before it was retired.
        if (old && (claims.data.iat === undefined || claims.data.iat > old.retiredAt)) return undefined;
        // Bounded like the session cache: a full map starts over (each token is then checked once more).
        if (verified.size >= VERIFIED_TOKENS_MAX) verified.clear();
        verified.set(token, claims.data);
        return claims.data;
      } catch {
        return undefined;
      }
    },
  };
}
