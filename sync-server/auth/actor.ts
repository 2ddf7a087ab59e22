// Who is making a request: resolved from the bearer token on every call, never from the body.
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors';
import type { Storage } from '../storage/types';
import type { TokenService } from './tokens';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: string;
  locationIds: string[];
  workstationId: string;
  /**
   * Whether the workstation proved its enrollment at sign-in (false: the id is its own claim);
   * undefined for the server's own actors (the demo seed, automation).
   */
  workstationEnrolled?: boolean;
  sessionId: string;
  /** The server itself (the demo seed): schema rules apply, workflow rules do not. */
  system?: boolean;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

export async function authenticate(request: FastifyRequest, storage: Storage, tokens: TokenService): Promise<Actor> {
  const token = bearerToken(request);
  const claims = token ? await tokens.verify(token) : undefined;
  if (!claims) throw new HttpError(401, 'unauthorized', 'Sign in again: the session token is missing, invalid or expired');
  const user = await storage.getUser(claims.sub);
  if (!user || !user.active) throw new HttpError(401, 'unauthorized', 'This account is not active');
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    locationIds: user.locationIds,
    workstationId: claims.ws,
    workstationEnrolled: claims.wse,
    sessionId: claims.sid,
  };
}

export const policyUser = (actor: Actor) => ({ id: actor.userId, role: actor.role, locationIds: actor.locationIds });
