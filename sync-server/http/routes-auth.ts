import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  EnrollRequest,
  LockRequest,
  LoginRequest,
  LogoutRequest,
  PasswordChange,
  RefreshRequest,
  UnlockRequest,
  type EnrollResponse,
  type LoginResponse,
  type PublicUser,
  type RefreshResponse,
} from '../../shared/wire';
import { recordActorAudit, recordAudit } from '../audit/record';
import { authenticate, publicRoles } from '../auth/actor';
import { auditWorkstationId, checkWorkstation, enroll, touchWorkstation, WORKSTATION_REVOKED } from '../auth/enrollment';
import { WORKSTATION_REVOKED_ERROR } from '../../shared/workstation-admin';
import { GateFull, type PasswordGate } from '../auth/password-gate';
import { isRefused, type Refused, type SignInGate } from '../auth/rate-limit';
import { RefreshReuse, type SessionService } from '../auth/sessions';
import type { TokenService } from '../auth/tokens';
import type { Storage } from '../storage/types';
import type { StreamHub } from '../sync/stream';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { keySecretFor } from '../auth/key-escrow';
import { minutesText, underRequestLimit, type RequestLimit } from './request-limits';

export interface AuthContext {
  storage: Storage;
  /** Verifies signature, expiry and that the session is live. */
  tokens: TokenService;
  sessions: SessionService;
  limiter: SignInGate;
  /** The request ceiling per address on each route that checks a password or a secret (request-limits.ts). */
  signInRequests: RequestLimit;
  /** Every password check goes through it: a few at once, in turn across addresses. */
  passwords: PasswordGate;
  hub: StreamHub;
  requireEnrollment: boolean;
  /** The key-escrow secret (secrets folder), behind each user's keySecret. */
  keyEscrowSecret: Buffer;
}

const LIMIT_WHO = { pair: 'for this username from this computer', user: 'for this username', address: 'from this computer' } as const;

function tooMany(reply: FastifyReply, { retryAfterSeconds, scope }: Refused): HttpError {
  reply.header('retry-after', String(retryAfterSeconds));
  return new HttpError(
    429,
    'too_many_attempts',
    `Too many failed sign-ins ${LIMIT_WHO[scope]}. Try again in ${minutesText(retryAfterSeconds)}.`,
  );
}

/** Password work (a check or a new hash) in turn; a full queue answers 503 at once. */
export async function inTurn<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof GateFull) throw new HttpError(503, 'busy', 'The server is busy with sign-ins: try again in a minute');
    throw error;
  }
}

const checkPassword = (gate: PasswordGate, address: string, hash: string | undefined, password: string) =>
  inTurn(gate.verify(address, hash, password));

export function registerAuthRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const { storage, sessions, limiter } = ctx;
  const limited = underRequestLimit(ctx.signInRequests);

  app.post('/api/auth/login', limited, async (request, reply): Promise<LoginResponse> => {
    const body = parseOrBadRequest(LoginRequest, request.body, 'sign-in request');
    const address = request.ip;
    // Reserved before anything is checked, so simultaneous attempts cannot all get past the limit.
    const attempt = await limiter.attempt(body.username, address);
    if (isRefused(attempt)) throw tooMany(reply, attempt);

    const givenWorkstation = body.workstationId ?? 'unknown';
    const failed = async (actorId: string, reason: string, aboutUser: boolean) => {
      if (!aboutUser) await attempt.notAboutUser();
      const reached = aboutUser || attempt.limitReached === 'address' ? attempt.limitReached : undefined;
      const limited = reached ? `; further attempts ${LIMIT_WHO[reached]} refused for a while` : '';
      await recordAudit(storage, {
        actorId,
        workstationId: `unverified:${givenWorkstation}`,
        action: 'sign_in_failed',
        after: { username: body.username, address },
        reason: reason + limited,
      });
    };

    // The workstation first: its verdict must not depend on (and so not reveal) the password.
    const workstation = await checkWorkstation(storage, body, ctx.requireEnrollment);
    if (!workstation.ok) {
      await failed('', workstation.reason, false);
      if (workstation.reason === 'workstation not enrolled') {
        throw new HttpError(403, 'enrollment_required', 'This workstation is not enrolled: ask an administrator for an enrollment code');
      }
      if (workstation.reason === WORKSTATION_REVOKED) {
        throw new HttpError(
          403,
          WORKSTATION_REVOKED_ERROR,
          'An administrator revoked this workstation: its local data is removed. Ask IT to enroll it again.',
        );
      }
      throw new HttpError(401, 'invalid_workstation', 'This workstation is not recognised: enroll it again');
    }

    const user = await storage.findUserByUsername(body.username);
    const ok = await checkPassword(ctx.passwords, address, user?.passwordHash, body.password);
    if (!user || !ok || !user.active) {
      await failed(user?.id ?? '', user ? (user.active ? 'wrong password' : 'inactive account') : 'unknown user', true);
      throw new HttpError(401, 'invalid_credentials', 'Wrong username or password');
    }
    await attempt.succeeded();
    const issued = await sessions.start(user.id, { id: workstation.id, enrolled: workstation.enrolled });
    if (workstation.enrolled) {
      // A revocation that landed between the check and the new session ends it here.
      if ((await storage.getWorkstation(workstation.id))?.revokedAt) {
        await sessions.revoke({ id: issued.sessionId });
        throw new HttpError(
          403,
          WORKSTATION_REVOKED_ERROR,
          'An administrator revoked this workstation: its local data is removed. Ask IT to enroll it again.',
        );
      }
      await touchWorkstation(storage, workstation.id, request.headers);
    }
    await recordAudit(storage, {
      actorId: user.id,
      workstationId: auditWorkstationId({ workstationId: workstation.id, workstationEnrolled: workstation.enrolled }),
      action: 'sign_in',
      after: { sessionId: issued.sessionId, workstationEnrolled: workstation.enrolled, address },
    });
    return {
      token: issued.token,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        ...publicRoles(user.roles),
        locationIds: user.locationIds,
      },
      refreshToken: issued.refreshToken,
      expiresIn: issued.expiresIn,
      keySecret: keySecretFor(ctx.keyEscrowSecret, user.id),
      passwordTemporary: user.passwordTemporary,
    };
  });

  app.post('/api/auth/refresh', async (request): Promise<RefreshResponse> => {
    const body = parseOrBadRequest(RefreshRequest, request.body, 'refresh request');
    try {
      const { token, refreshToken, expiresIn, session } = await sessions.refresh(body.refreshToken);
      if (session.workstationEnrolled) await touchWorkstation(storage, session.workstationId, request.headers);
      return { token, refreshToken, expiresIn };
    } catch (error) {
      if (error instanceof RefreshReuse) {
        await recordAudit(storage, {
          actorId: error.session.userId,
          workstationId: auditWorkstationId({
            workstationId: error.session.workstationId,
            workstationEnrolled: error.session.workstationEnrolled,
          }),
          action: 'session_revoked',
          docId: error.session.id,
          reason: 'refresh token used twice',
        });
      }
      throw error;
    }
  });

  // Who the token's user is now: a workstation re-reads its roles after a scope change or a refresh.
  app.get('/api/auth/me', async (request, reply): Promise<PublicUser> => {
    const actor = await authenticate(request, storage, ctx.tokens);
    reply.header('cache-control', 'no-store');
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      ...publicRoles(actor.roles),
      locationIds: actor.locationIds,
    };
  });

  app.post('/api/auth/logout', async (request) => {
    const body = parseOrBadRequest(LogoutRequest, request.body ?? {}, 'sign-out request');
    let who: { userId: string; workstationId: string; workstationEnrolled?: boolean; sessionId: string };
    try {
      who = await authenticate(request, storage, ctx.tokens);
    } catch (error) {
      if (!(error instanceof HttpError) || !body.refreshToken) throw error;
      const session = await sessions.sessionOfRefreshToken(body.refreshToken);
      if (!session) throw error;
      who = {
        userId: session.userId,
        workstationId: session.workstationId,
        workstationEnrolled: session.workstationEnrolled,
        sessionId: session.id,
      };
    }
    await sessions.revoke({ id: who.sessionId });
    ctx.hub.closeSession(who.sessionId);
    await recordActorAudit(storage, who, { action: 'sign_out', docId: who.sessionId });
    return { ok: true };
  });

  // The person changes their own password: the current one is checked (and counted against the
  // sign-in limit); every other session of theirs ends, this one goes on.
  app.post('/api/auth/password', limited, async (request, reply) => {
    const actor = await authenticate(request, storage, ctx.tokens);
    const body = parseOrBadRequest(PasswordChange, request.body, 'password change ({currentPassword, newPassword})');
    const attempt = await limiter.attempt(actor.username, request.ip);
    if (isRefused(attempt)) throw tooMany(reply, attempt);
    const user = await storage.getUser(actor.userId);
    if (!user || !(await checkPassword(ctx.passwords, request.ip, user.passwordHash, body.currentPassword))) {
      await recordActorAudit(storage, actor, {
        action: 'password_change_failed',
        collection: 'users',
        docId: actor.userId,
        reason: 'wrong current password',
      });
      throw new HttpError(403, 'wrong_password', 'The current password is not right');
    }
    await attempt.succeeded();
    await storage.setUserPassword(actor.userId, await inTurn(ctx.passwords.hash(request.ip, body.newPassword)), false);
    // Their streams close through the session service's revocation hook.
    const others = await sessions.revoke({ userId: actor.userId, exceptId: actor.sessionId });
    await recordActorAudit(storage, actor, {
      action: 'password_changed',
      collection: 'users',
      docId: actor.userId,
      after: { revokedSessions: others.length },
    });
    return { ok: true };
  });

  const lockEvent = (action: 'lock' | 'unlock') => async (request: FastifyRequest) => {
    const actor = await authenticate(request, storage, ctx.tokens);
    const reason =
      action === 'lock'
        ? parseOrBadRequest(LockRequest, request.body ?? {}, 'lock request').reason
        : (parseOrBadRequest(UnlockRequest, request.body ?? {}, 'unlock request').method ?? '');
    await recordActorAudit(storage, actor, { action, docId: actor.sessionId, reason });
    return { ok: true };
  };
  app.post('/api/auth/lock', lockEvent('lock'));
  app.post('/api/auth/unlock', lockEvent('unlock'));

  app.post('/api/workstations/enroll', limited, async (request, reply): Promise<EnrollResponse> => {
    const body = parseOrBadRequest(EnrollRequest, request.body, 'enrollment request');
    // Codes are 60 random bits, but guessing still costs the guesser the address's sign-in allowance.
    const attempt = await limiter.attempt('', request.ip);
    if (isRefused(attempt)) throw tooMany(reply, attempt);
    const enrolled = await enroll(storage, body.code, body.name);
    if (!enrolled) {
      await recordAudit(storage, {
        actorId: '',
        workstationId: '',
        action: 'enroll_failed',
        after: { name: body.name, address: request.ip },
        reason: 'unknown, used or expired code',
      });
      throw new HttpError(
        400,
        'invalid_enrollment_code',
        'This enrollment code or token is unknown, already used or expired: ask an administrator for a new one',
      );
    }
    await attempt.succeeded();
    const { workstation, secret } = enrolled;
    await recordAudit(storage, {
      actorId: '',
      workstationId: workstation.id,
      action: 'workstation_enrolled',
      collection: 'workstations',
      docId: workstation.id,
      after: { name: workstation.name, locationId: workstation.locationId, address: request.ip },
    });
    return { workstationId: workstation.id, workstationSecret: secret, locationId: workstation.locationId };
  });
}
