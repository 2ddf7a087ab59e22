// Session tokens: short JWTs signed with the token secret (kept in the secrets folder or the
// environment, never in the database).
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/** sub: user id; ws: workstation id; wse: the workstation proved its enrollment; sid: session id; exp: epoch seconds. */
const Claims = z.object({ sub: z.string(), ws: z.string(), sid: z.string(), wse: z.boolean().default(false), exp: z.number() });
export type SessionClaims = z.infer<typeof Claims>;

export interface TokenService {
  /** Signs a token that expires after the configured lifetime, or at `expiresAt` (epoch seconds) if sooner. */
  issue(claims: Omit<z.input<typeof Claims>, 'exp'>, expiresAt?: number): Promise<string>;
  /** The claims of a valid token, or undefined. */
  verify(token: string): Promise<SessionClaims | undefined>;
}

/** `now` (epoch ms) is the server's clock; tests move it to expire tokens without waiting. */
export function createTokenService(secret: Buffer, ttlSeconds: number, now: () => number = Date.now): TokenService {
  return {
    issue: (claims, expiresAt) => {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ ws: claims.ws, sid: claims.sid, wse: claims.wse ?? false })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuedAt(issuedAt)
        .setExpirationTime(Math.min(issuedAt + ttlSeconds, expiresAt ?? Infinity))
        .sign(secret);
    },
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate: new Date(now()) });
        const claims = Claims.safeParse(payload);
        return claims.success ? claims.data : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
