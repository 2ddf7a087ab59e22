// Rolling out workstations: an admin's enrollment tokens for deployment scripts, the list of
// enrolled workstations, revocation (its sessions end and its streams close at once), and the
// status check a workstation makes at start, so a revoked one learns it and wipes its replicas.
import type { FastifyInstance } from 'fastify';
import { configId } from '../../shared/config/schemas';
import { IdParams } from '../../shared/wire';
import {
  EnrollmentTokenRequest,
  WorkstationStatusRequest,
  type AdminWorkstation,
  type EnrollmentTokenResponse,
  type WorkstationStatus,
} from '../../shared/workstation-admin';
import { recordActorAudit } from '../audit/record';
import { checkWorkstation, issueEnrollmentToken, touchWorkstation, WORKSTATION_REVOKED } from '../auth/enrollment';
import { isRefused } from '../auth/rate-limit';
import type { WorkstationRecord } from '../storage/types';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { requireAdmin } from './routes-admin';
import type { AuthContext } from './routes-auth';
import { underRequestLimit } from './request-limits';

const adminRow = ({ id, name, locationId, enrolledAt, lastSeenAt, appVersion, revokedAt }: WorkstationRecord): AdminWorkstation => ({
  id,
  name,
  locationId,
  enrolledAt,
  lastSeenAt,
  appVersion,
  revokedAt,
});

export function registerWorkstationRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const { storage, sessions, hub } = ctx;

  app.post('/api/admin/enrollment-tokens', async (request): Promise<EnrollmentTokenResponse> => {
    const actor = await requireAdmin(request, ctx);
    const body = parseOrBadRequest(EnrollmentTokenRequest, request.body, 'enrollment token request ({locationId, maxUses, expiresInDays})');
    if (!actor.locationIds.includes(body.locationId))
      throw new HttpError(403, 'forbidden', `You do not administer location ${body.locationId}`);
    const configured = await storage.getDoc('config', configId('location', body.locationId));
    if (!configured || configured.deleted)
      throw new HttpError(400, 'bad_request', `Unknown location ${body.locationId}: add it to the practice configuration first`);
    const { token, expiresAt } = await issueEnrollmentToken(storage, body, actor.userId);
    // The token is a secret: the log records that one was issued, not the token.
    await recordActorAudit(storage, actor, {
      action: 'enrollment_token_issued',
      docId: '',
      after: { locationId: body.locationId, maxUses: body.maxUses, expiresAt },
    });
    return { token, locationId: body.locationId, maxUses: body.maxUses, expiresAt };
  });

  // An admin sees the workstations of the locations they administer.
  app.get('/api/admin/workstations', async (request, reply): Promise<AdminWorkstation[]> => {
    const actor = await requireAdmin(request, ctx);
    reply.header('cache-control', 'no-store');
    return (await storage.listWorkstations()).filter((w) => actor.locationIds.includes(w.locationId)).map(adminRow);
  });

  app.post('/api/admin/workstations/:id/revoke', async (request): Promise<{ ok: true; revokedSessions: number }> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'workstation id');
    const workstation = await storage.getWorkstation(id);
    if (!workstation || !actor.locationIds.includes(workstation.locationId)) throw new HttpError(404, 'not_found', `No workstation ${id}`);
    const revoked = await storage.revokeWorkstation(id, new Date().toISOString());
    // Sessions after the mark: a sign-in racing the revocation either failed the check or ends here.
    const ended = await sessions.revoke({ workstationId: id });
    for (const sessionId of ended) hub.closeSession(sessionId);
    if (revoked) {
      await recordActorAudit(storage, actor, {
        action: 'workstation_revoked',
        collection: 'workstations',
        docId: id,
        before: { revokedAt: null },
        after: { name: workstation.name, locationId: workstation.locationId, revokedSessions: ended.length },
      });
    }
    return { ok: true, revokedSessions: ended.length };
  });

  // Asked by the app at start and when a sign-in is refused: "revoked" tells it to wipe its replicas.
  app.post('/api/workstations/status', underRequestLimit(ctx.signInRequests), async (request, reply): Promise<WorkstationStatus> => {
    const body = parseOrBadRequest(
      WorkstationStatusRequest,
      request.body,
      'workstation status request ({workstationId, workstationSecret})',
    );
    const attempt = await ctx.limiter.attempt('', request.ip);
    if (isRefused(attempt)) {
      reply.header('retry-after', String(attempt.retryAfterSeconds));
      throw new HttpError(429, 'too_many_attempts', 'Too many failed checks from this computer: try again later');
    }
    const check = await checkWorkstation(storage, body, true);
    if (!check.ok && check.reason !== WORKSTATION_REVOKED)
      throw new HttpError(401, 'invalid_workstation', 'This workstation is not recognised: enroll it again');
    await attempt.succeeded();
    if (!check.ok) return { status: 'revoked' };
    await touchWorkstation(storage, check.id, request.headers);
    return { status: 'active' };
  });
}
