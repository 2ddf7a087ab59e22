// Administration: the audit export, sessions, the people list, roles and locations, account deactivation
// and workstation enrollment codes. Admin role only. Nothing here (or anywhere in the API) updates or
// deletes an audit entry.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userBucket } from '../../shared/buckets';
import { configId } from '../../shared/config/schemas';
import { normalizeRoles } from '../../shared/policy';
import {
  AuditExportQuery,
  EnrollmentCodeRequest,
  IdParams,
  NewUserRequest,
  PasswordReset,
  UserAccessPatch,
  type AdminUser,
  type EnrollmentCodeResponse,
  type PublicUser,
  type SessionInfo,
} from '../../shared/wire';
import { auditCsv, parseRangeBound } from '../audit/csv';
import { adminUserOf, createUser, UsernameTakenError } from '../admin/users';
import { recordActorAudit } from '../audit/record';
import { authenticate, publicRoles, type Actor } from '../auth/actor';
import { SCOPE_NOTICE } from '../sync/stream';
import { issueEnrollmentCode } from '../auth/enrollment';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { inTurn, type AuthContext } from './routes-auth';

export async function requireAdmin(request: FastifyRequest, ctx: AuthContext): Promise<Actor> {
  const actor = await authenticate(request, ctx.storage, ctx.tokens);
  if (!actor.roles.includes('admin')) throw new HttpError(403, 'forbidden', 'Only an administrator may do this');
  return actor;
}

export function registerAdminRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const { storage, sessions, hub } = ctx;
  const audit = (
    actor: Actor,
    action: string,
    docId: string,
    extra: { collection?: string; before?: unknown; after?: unknown; reason?: string } = {},
  ) => recordActorAudit(storage, actor, { action, docId, ...extra });

  app.get('/api/admin/audit.csv', async (request, reply) => {
    const actor = await requireAdmin(request, ctx);
    const query = parseOrBadRequest(AuditExportQuery, request.query, 'export range (?from=YYYY-MM-DD&to=YYYY-MM-DD)');
    const from = parseRangeBound(query.from, false);
    const to = parseRangeBound(query.to, true);
    if (!from || !to) throw new HttpError(400, 'bad_request', 'from and to must be dates (2026-03-01) or ISO date-times');
    if (from >= to) throw new HttpError(400, 'bad_request', 'from must be before to');
    // The export itself is audited: audit data holds PHI.
    await audit(actor, 'audit_export', '', { after: { from, to } });
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="baton-audit-${from.slice(0, 10)}-to-${to.slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store');
    return reply.send(Readable.from(auditCsv(storage, from, to)));
  });

  app.get('/api/admin/sessions', async (request): Promise<SessionInfo[]> => {
    await requireAdmin(request, ctx);
    const live = await storage.listLiveSessions(new Date().toISOString());
    return live.map(({ id, userId, workstationId, workstationEnrolled, createdAt, expiresAt }) => ({
      id,
      userId,
      workstationId,
      workstationEnrolled,
      createdAt,
      expiresAt,
    }));
  });

  app.post('/api/admin/sessions/:id/revoke', async (request) => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'session id');
    const session = await storage.getSession(id);
    if (!session) throw new HttpError(404, 'not_found', `No session ${id}`);
    const revoked = await sessions.revoke({ id });
    hub.closeSession(id);
    if (revoked.length > 0) await audit(actor, 'session_revoked', id, { collection: 'sessions', after: { userId: session.userId } });
    return { ok: true, revoked: revoked.length > 0 };
  });

  // The people screen's list: picked field by field so nothing else (the password hash) can leak.
  app.get('/api/admin/users', async (request, reply): Promise<AdminUser[]> => {
    await requireAdmin(request, ctx);
    reply.header('cache-control', 'no-store');
    const users = await storage.listUsers();
    return users.map(adminUserOf).sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  });

  // A new person: only in locations this admin administers (and the configuration has).
  app.post('/api/admin/users', async (request, reply): Promise<AdminUser> => {
    const actor = await requireAdmin(request, ctx);
    const body = parseOrBadRequest(NewUserRequest, request.body, 'new user ({username, displayName, roles, locationIds, password})');
    for (const loc of new Set(body.locationIds)) {
      if (!actor.locationIds.includes(loc)) throw new HttpError(403, 'forbidden', `You do not administer location ${loc}`);
      const configured = await storage.getDoc('config', configId('location', loc));
      if (!configured || configured.deleted)
        throw new HttpError(400, 'bad_request', `Unknown location ${loc}: add it to the practice configuration first`);
    }
    let user;
    try {
      user = await createUser(storage, body, { temporary: true, hash: (password) => inTurn(ctx.passwords.hash(request.ip, password)) });
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new HttpError(409, 'conflict', error.message);
      throw error;
    }
    const created = adminUserOf(user);
    // Everything but the password.
    await audit(actor, 'user_created', user.id, {
      collection: 'users',
      after: { username: created.username, displayName: created.displayName, roles: created.roles, locationIds: created.locationIds },
    });
    reply.code(201);
    return created;
  });

  // A forgotten password: the admin sets a temporary one; every session of that user ends now.
  app.post('/api/admin/users/:id/password', async (request) => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'user id');
    const { password } = parseOrBadRequest(PasswordReset, request.body, 'new password ({password})');
    if (!(await storage.getUser(id))) throw new HttpError(404, 'not_found', `No user ${id}`);
    await storage.setUserPassword(id, await inTurn(ctx.passwords.hash(request.ip, password)), true);
    const revoked = await sessions.revoke({ userId: id });
    hub.closeUser(id);
    await audit(actor, 'user_password_reset', id, { collection: 'users', after: { revokedSessions: revoked.length } });
    return { ok: true };
  });

  const setActive = (active: boolean) => async (request: FastifyRequest) => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'user id');
    if (!active && id === actor.userId) throw new HttpError(400, 'bad_request', 'You cannot deactivate your own account');
    const user = await storage.getUser(id);
    if (!user) throw new HttpError(404, 'not_found', `No user ${id}`);
    await storage.setUserActive(id, active);
    let revoked: string[] = [];
    if (!active) {
      revoked = await sessions.revoke({ userId: id });
      hub.closeUser(id);
    }
    await audit(actor, active ? 'user_activated' : 'user_deactivated', id, {
      collection: 'users',
      before: { active: user.active },
      after: { active, revokedSessions: revoked.length },
    });
    return { ok: true };
  };
  app.post('/api/admin/users/:id/deactivate', setActive(false));
  app.post('/api/admin/users/:id/activate', setActive(true));

  // Roles and locations: the user's replica follows at their next pull (the checkpoint's scope no
  // longer matches) and their open streams are told to pull now, on every instance.
  app.patch('/api/admin/users/:id', async (request): Promise<PublicUser> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'user id');
    const patch = parseOrBadRequest(UserAccessPatch, request.body, 'user access ({roles?: Role[], locationIds?: string[]})');
    const user = await storage.getUser(id);
    if (!user) throw new HttpError(404, 'not_found', `No user ${id}`);
    // A location is granted only once the practice configuration has it (Admin → locations).
    for (const loc of (patch.locationIds ?? []).filter((l) => !user.locationIds.includes(l))) {
      const configured = await storage.getDoc('config', configId('location', loc));
      if (!configured || configured.deleted)
        throw new HttpError(400, 'bad_request', `Unknown location ${loc}: add it to the practice configuration first`);
    }
    const roles = patch.roles ? normalizeRoles(patch.roles) : user.roles;
    const locationIds = patch.locationIds ? [...new Set(patch.locationIds)] : user.locationIds;
    if (id === actor.userId && !roles.includes('admin')) throw new HttpError(400, 'bad_request', 'You cannot remove your own admin role');
    await storage.setUserAccess(id, { roles, locationIds });
    await audit(actor, 'user_access_changed', id, {
      collection: 'users',
      before: { roles: user.roles, locationIds: user.locationIds },
      after: { roles, locationIds },
    });
    await storage.publish({ collection: SCOPE_NOTICE, seq: await storage.currentSeq(), buckets: [userBucket(id)] });
    return { id, username: user.username, displayName: user.displayName, ...publicRoles(roles), locationIds };
  });

  app.post('/api/admin/enrollment-codes', async (request): Promise<EnrollmentCodeResponse> => {
    const actor = await requireAdmin(request, ctx);
    const { locationId } = parseOrBadRequest(EnrollmentCodeRequest, request.body, 'enrollment code request');
    if (!actor.locationIds.includes(locationId)) throw new HttpError(403, 'forbidden', `You do not administer location ${locationId}`);
    const { code, expiresAt } = await issueEnrollmentCode(storage, locationId, actor.userId);
    // The code is a secret: the log records that one was issued, not the code.
    await audit(actor, 'enrollment_code_issued', '', { after: { locationId, expiresAt } });
    return { code, locationId, expiresAt };
  });
}
