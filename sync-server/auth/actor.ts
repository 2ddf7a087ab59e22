// Who is making a request: resolved from the bearer token on every call, never from the body.
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors/http-error';
import { normalizeRoles, type PolicyUser } from '../../shared/policy';
import { Role } from '../../shared/wire';
import type { Storage } from '../storage/types';
import type { TokenService } from './tokens';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  /** Read from storage on every request: a role change applies to the very next call. */
  roles: Role[];
  locationIds: string[];
  workstationId: string;
  /**
   * Whether the workstation proved its enrollment at sign-in (false: the id is its own claim);
   * undefined for the server's own actors (the demo seed, automation).
   */
  workstationEnrolled?: boolean;
  /** The enrolled workstation's name (history entries show it instead of the id). */
  workstationName?: string;
  sessionId: string;
  /** When the request's token expires (epoch seconds): an event stream ends then. */
  tokenExpiresAt?: number;
  /** The server itself (the demo seed): schema rules apply, workflow rules do not. */
  system?: boolean;
}

/**
 * Only the Authorization header carries a token: a token in a URL ends up in logs, proxies and
 * browser history, so `?token=` is never read (the event stream is read with fetch and the header).
 */
function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** One check per request: a hook may authenticate before the body is read, the handler again. */
const checked = new WeakMap<FastifyRequest, Promise<Actor>>();

export function authenticate(request: FastifyRequest, storage: Storage, tokens: TokenService): Promise<Actor> {
  let actor = checked.get(request);
  if (!actor) {
    actor = resolveActor(request, storage, tokens);
    checked.set(request, actor);
  }
  return actor;
}

async function resolveActor(request: FastifyRequest, storage: Storage, tokens: TokenService): Promise<Actor> {
  const token = bearerToken(request);
  const claims = token ? await tokens.verify(token) : undefined;
  if (!claims) throw new HttpError(401, 'unauthorized', 'Sign in again: the session token is missing, invalid or expired');
  const user = await storage.getUser(claims.sub);
  if (!user || !user.active) throw new HttpError(401, 'unauthorized', 'This account is not active');
  // Only an enrolled workstation has a name an admin gave it; an unenrolled one's id is its own claim.
  const workstation = claims.wse ? await storage.getWorkstation(claims.ws) : undefined;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: rolesOf(user.roles),
    locationIds: user.locationIds,
    workstationId: claims.ws,
    workstationEnrolled: claims.wse,
    ...(workstation?.name ? { workstationName: workstation.name } : {}),
    sessionId: claims.sid,
    tokenExpiresAt: claims.exp,
  };
}

/** Stored roles as the policy knows them (an unknown name grants nothing). */
export function rolesOf(stored: string[]): Role[] {
  return normalizeRoles(stored.flatMap((r) => (Role.safeParse(r).success ? [r as Role] : [])));
}

export const policyUser = (actor: Pick<Actor, 'userId' | 'roles' | 'locationIds'>): PolicyUser => ({
  id: actor.userId,
  roles: actor.roles,
  locationIds: actor.locationIds,
});

/** `roles` and the older `role` of the sign-in answer; an account without a known role may not sign in. */
export function publicRoles(stored: string[]): { roles: Role[]; role: Role } {
  const roles = rolesOf(stored);
  if (roles.length === 0) throw new HttpError(403, 'forbidden', 'This account has no role; ask an administrator');
  return { roles, role: roles[0] };
}
