// Session tokens: short JWTs signed with a secret kept in the server's own storage.
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Storage } from '../storage/types';

/** sub: user id; ws: workstation id; wse: the workstation proved its enrollment; sid: session id. */
const Claims = z.object({ sub: z.string(), ws: z.string(), sid: z.string(), wse: z.boolean().default(false) });
export type SessionClaims = z.infer<typeof Claims>;

export interface TokenService {
  /** Signs a token that expires after the configured lifetime, or at `expiresAt` (epoch seconds) if sooner. */
  issue(claims: z.input<typeof Claims>, expiresAt?: number): Promise<string>;
  /** The claims of a valid token, or undefined. */
  verify(token: string): Promise<SessionClaims | undefined>;
}

export async function createTokenService(storage: Storage, ttlSeconds: number): Promise<TokenService> {
  let secretHex = await storage.getSetting('token_secret');
  if (!secretHex) {
    secretHex = randomBytes(32).toString('hex');
    await storage.setSetting('token_secret', secretHex);
  }
  const secret = Buffer.from(secretHex, 'hex');
  return {
    issue: (claims, expiresAt) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ws: claims.ws, sid: claims.sid, wse: claims.wse ?? false })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuedAt(now)
        .setExpirationTime(Math.min(now + ttlSeconds, expiresAt ?? Infinity))
        .sign(secret);
    },
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
        const claims = Claims.safeParse(payload);
        return claims.success ? claims.data : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
