// Intake from other systems: an admin's API keys (create, list, rotate, revoke; every act audited)
// and what a key may do: file a triage task into its scopes, and read back the status of the tasks
// it filed, nothing else. A key's routes check the key before the body is read (session-first.ts
// leaves them to this file), under the per-address ceiling of the routes that check a secret.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CreateApiKeyRequest, type ApiKeySummary, type IssuedApiKey } from '../../shared/intake/api-keys';
import { intakeStatusOf, IntakeTaskRequest, type IntakeTaskFiled, type IntakeTaskState } from '../../shared/intake/intake-task';
import type { Task } from '../../shared/task';
import { IdParams } from '../../shared/wire';
import type { Actor } from '../auth/actor';
import { recordActorAudit, recordAudit } from '../audit/record';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { authenticateKey, issueApiKey, keyActor, keyActorId, summaryOf } from '../intake/api-keys';
import { fileIntakeTask, keyFiler, scopeViolation } from '../intake/file-task';
import type { SyncContext } from '../sync/context';
import type { ApiKeyRecord } from '../storage/types';
import { requireAdmin } from './routes-admin';
import type { AuthContext } from './routes-auth';
import { underRequestLimit } from './request-limits';

/** The routes a key (not a session) opens. */
export const KEY_ROUTE_PREFIX = '/api/intake/';

const keyOf = new WeakMap<FastifyRequest, ApiKeyRecord>();

export function registerIntakeRoutes(app: FastifyInstance, ctx: AuthContext, sync: SyncContext): void {
  const { storage } = ctx;
  const adminAudit = (actor: Actor, action: string, docId: string, after: unknown) =>
    recordActorAudit(storage, actor, { action, collection: 'api_keys', docId, after });
  const keyAudit = (key: ApiKeyRecord, action: string, docId: string, extra: { after?: unknown; reason?: string } = {}) =>
    recordAudit(storage, {
      actorId: keyActorId(key.id),
      workstationId: keyActor(key).workstationId,
      action,
      collection: 'tasks',
      docId,
      ...extra,
    });

  /** A key the admin may manage: every location it names is one they administer. */
  const managedKey = async (actor: Actor, id: string): Promise<ApiKeyRecord> => {
    const key = await storage.getApiKey(id);
    if (!key || !key.scopes.locationIds.every((l) => actor.locationIds.includes(l)))
      throw new HttpError(404, 'not_found', `No API key ${id}`);
    return key;
  };

  app.post('/api/admin/api-keys', async (request, reply): Promise<IssuedApiKey> => {
    const actor = await requireAdmin(request, ctx);
    const body = parseOrBadRequest(CreateApiKeyRequest, request.body, 'API key ({name, scopes: {locationIds, queues, readStatus}})');
    const outside = body.scopes.locationIds.find((l) => !actor.locationIds.includes(l));
    if (outside) throw new HttpError(403, 'forbidden', `You do not administer location ${outside}`);
    const practice = await sync.practice.get();
    const unknown = body.scopes.queues.find((q) => !practice.queues.has(q));
    if (unknown) throw new HttpError(400, 'bad_request', `Unknown queue ${unknown}`);
    const issued = issueApiKey();
    const record = {
      id: issued.id,
      name: body.name,
      secretHash: issued.secretHash,
      scopes: body.scopes,
      createdAt: new Date().toISOString(),
      createdBy: actor.userId,
    };
    await storage.insertApiKey(record);
    await adminAudit(actor, 'api_key_created', issued.id, { name: body.name, scopes: body.scopes });
    reply.status(201);
    return { key: issued.key, apiKey: summaryOf({ ...record, lastUsedAt: null, rotatedAt: null, revokedAt: null }) };
  });

  app.get('/api/admin/api-keys', async (request, reply): Promise<ApiKeySummary[]> => {
    const actor = await requireAdmin(request, ctx);
    reply.header('cache-control', 'no-store');
    return (await storage.listApiKeys()).filter((k) => k.scopes.locationIds.every((l) => actor.locationIds.includes(l))).map(summaryOf);
  });

  app.post('/api/admin/api-keys/:id/rotate', async (request): Promise<IssuedApiKey> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'API key id');
    const key = await managedKey(actor, id);
    const issued = issueApiKey(id);
    const at = new Date().toISOString();
    if (!(await storage.rotateApiKey(id, issued.secretHash, at))) throw new HttpError(409, 'conflict', 'A revoked key cannot be rotated');
    await adminAudit(actor, 'api_key_rotated', id, { name: key.name });
    return { key: issued.key, apiKey: summaryOf({ ...key, secretHash: issued.secretHash, rotatedAt: at }) };
  });

  app.post('/api/admin/api-keys/:id/revoke', async (request): Promise<{ ok: true }> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'API key id');
    const key = await managedKey(actor, id);
    if (await storage.revokeApiKey(id, new Date().toISOString())) await adminAudit(actor, 'api_key_revoked', id, { name: key.name });
    return { ok: true };
  });

  // The key is checked before the body is read: a request without a valid key gets 401 at once.
  const withKey = {
    ...underRequestLimit(ctx.signInRequests),
    onRequest: async (request: FastifyRequest) => {
      const key = await authenticateKey(request, storage);
      keyOf.set(request, key);
      await storage.touchApiKey(key.id, new Date().toISOString());
    },
  };
  const keyFor = (request: FastifyRequest) => keyOf.get(request) as ApiKeyRecord;

  app.post('/api/intake/tasks', withKey, async (request, reply): Promise<IntakeTaskFiled> => {
    const key = keyFor(request);
    const body = parseOrBadRequest(
      IntakeTaskRequest,
      request.body,
      'intake task ({locationId, typeId, title, text?, patientRef?, priority?, externalId?})',
    );
    const refused = await scopeViolation(sync, key, body);
    if (refused) {
      // Outside its scopes: the attempt is on record (what was asked, never the request's text).
      await keyAudit(key, 'api_key_refused', '', { reason: refused.message, after: { locationId: body.locationId, typeId: body.typeId } });
      throw refused;
    }
    const filed = await fileIntakeTask(sync, keyFiler(key), body);
    reply.status(filed.duplicate ? 200 : 201);
    return filed;
  });

  app.get('/api/intake/tasks/:id', withKey, async (request, reply): Promise<IntakeTaskState> => {
    const key = keyFor(request);
    const { id } = parseOrBadRequest(IdParams, request.params, 'task id');
    if (!key.scopes.readStatus) throw new HttpError(403, 'out_of_scope', 'This key may not read the status of what it filed');
    const stored = await storage.getDoc('tasks', id);
    const task = stored && !stored.deleted ? (stored.data as Task) : undefined;
    // Only what this key filed; any other id is as unknown as one that does not exist.
    if (!task || task.createdBy !== keyActorId(key.id)) throw new HttpError(404, 'not_found', `No task ${id} filed with this key`);
    await keyAudit(key, 'intake_status_read', id);
    reply.header('cache-control', 'no-store');
    return { status: intakeStatusOf(task), updatedAt: task.serverUpdatedAt || task.updatedAt };
  });
}
