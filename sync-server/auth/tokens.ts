// Session tokens: short JWTs signed with a secret kept in the server's own storage.
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Storage } from '../storage/types';

const Claims = z.object({ sub: z.string(), ws: z.string(), sid: z.string() });
export type SessionClaims = z.infer<typeof Claims>;

export interface TokenService {
  issue(claims: SessionClaims): Promise<string>;
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
    issue: (claims) =>
      new SignJWT({ ws: claims.ws, sid: claims.sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(secret),
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
