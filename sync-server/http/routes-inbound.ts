// Inbound fax and e-mail: an admin's sources (register, list with the last delivery, rotate the
// secret, revoke; every act audited, only at the locations they administer), and the address each
// source's service posts its messages to, signed with the source's secret.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CreateInboundSourceRequest, type InboundSourceSummary, type IssuedInboundSource } from '../../shared/intake/inbound-sources';
import type { IntakeTaskFiled } from '../../shared/intake/intake-task';
import { newId } from '../../shared/ids';
import { IdParams } from '../../shared/wire';
import type { Actor } from '../auth/actor';
import { recordActorAudit, recordAudit } from '../audit/record';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { fileInbound, sourceViolation } from '../intake/file-inbound';
import { inboundMessageOf } from '../intake/inbound-message';
import {
  inboundSecretKey,
  newSecretSalt,
  sourceActor,
  sourceOfRequest,
  sourceSecret,
  sourceSummaryOf,
  verifySignature,
} from '../intake/inbound-sources';
import type { SyncContext } from '../sync/context';
import type { InboundSourceRecord } from '../storage/types';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-body';
import { requireAdmin } from './routes-admin';
import type { AuthContext } from './routes-auth';
import { underRequestLimit } from './request-limits';

/** A delivery's largest body: a long fax as a PDF, base64 in JSON (a third larger). */
const INBOUND_BODY_MAX_BYTES = 32 * 1024 * 1024;

const SourceParams = z.object({ sourceId: z.string().min(1).max(64) });

export function registerInboundRoutes(app: FastifyInstance, ctx: AuthContext, sync: SyncContext): void {
  const { storage } = ctx;
  const key = inboundSecretKey(ctx.keyEscrowSecret);
  const adminAudit = (actor: Actor, action: string, docId: string, after: unknown) =>
    recordActorAudit(storage, actor, { action, collection: 'inbound_sources', docId, after });
  const issued = (source: InboundSourceRecord): IssuedInboundSource => ({
    id: source.id,
    secret: sourceSecret(key, source),
    source: sourceSummaryOf(source),
  });

  /** A source the admin may manage: one at a location they administer. */
  const managedSource = async (actor: Actor, id: string): Promise<InboundSourceRecord> => {
    const source = await storage.getInboundSource(id);
    if (!source || !actor.locationIds.includes(source.locationId)) throw new HttpError(404, 'not_found', `No inbound source ${id}`);
    return source;
  };

  app.post('/api/admin/inbound-sources', async (request, reply): Promise<IssuedInboundSource> => {
    const actor = await requireAdmin(request, ctx);
    const body = parseOrBadRequest(
      CreateInboundSourceRequest,
      request.body,
      'inbound source ({name, kind: fax | email, locationId, typeId})',
    );
    if (!actor.locationIds.includes(body.locationId))
      throw new HttpError(403, 'forbidden', `You do not administer location ${body.locationId}`);
    const source: InboundSourceRecord = {
      id: newId(),
      ...body,
      secretSalt: newSecretSalt(),
      createdAt: new Date().toISOString(),
      createdBy: actor.userId,
      lastUsedAt: null,
      rotatedAt: null,
      revokedAt: null,
    };
    const refused = await sourceViolation(sync, source);
    if (refused) throw refused;
    await storage.insertInboundSource(source);
    await adminAudit(actor, 'inbound_source_created', source.id, body);
    reply.status(201);
    return issued(source);
  });

  app.get('/api/admin/inbound-sources', async (request, reply): Promise<InboundSourceSummary[]> => {
    const actor = await requireAdmin(request, ctx);
    reply.header('cache-control', 'no-store');
    return (await storage.listInboundSources()).filter((s) => actor.locationIds.includes(s.locationId)).map(sourceSummaryOf);
  });

  app.post('/api/admin/inbound-sources/:id/rotate', async (request, reply): Promise<IssuedInboundSource> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'inbound source id');
    const source = await managedSource(actor, id);
    const rotated = { ...source, secretSalt: newSecretSalt(), rotatedAt: new Date().toISOString() };
    if (!(await storage.rotateInboundSource(id, rotated.secretSalt, rotated.rotatedAt)))
      throw new HttpError(409, 'conflict', 'A revoked source cannot be rotated');
    await adminAudit(actor, 'inbound_source_rotated', id, { name: source.name });
    reply.header('cache-control', 'no-store');
    return issued(rotated);
  });

  app.post('/api/admin/inbound-sources/:id/revoke', async (request): Promise<{ ok: true }> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'inbound source id');
    const source = await managedSource(actor, id);
    if (await storage.revokeInboundSource(id, new Date().toISOString()))
      await adminAudit(actor, 'inbound_source_revoked', id, { name: source.name });
    return { ok: true };
  });

  // The delivery route reads its body as bytes, whatever the content type, so the signature is
  // checked over exactly what was sent before anything is parsed; the other routes keep their parsers.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INBOUND_BODY_MAX_BYTES }, (_request, body, done) => done(null, body));
    const sourceOf = new WeakMap<FastifyRequest, InboundSourceRecord>();

    scope.post(
      '/api/intake/inbound/:sourceId',
      {
        bodyLimit: INBOUND_BODY_MAX_BYTES,
        ...underRequestLimit(ctx.signInRequests),
        // The source and the signature's form are checked before the body is read.
        onRequest: async (request: FastifyRequest) => {
          const { sourceId } = parseOrBadRequest(SourceParams, request.params, 'source id');
          sourceOf.set(request, await sourceOfRequest(request, storage, sourceId));
        },
      },
      async (request, reply): Promise<IntakeTaskFiled> => {
        const source = sourceOf.get(request) as InboundSourceRecord;
        const actor = sourceActor(source);
        const refusedAs = (reason: string) =>
          recordAudit(storage, {
            actorId: actor.userId,
            workstationId: actor.workstationId,
            action: 'inbound_refused',
            collection: 'tasks',
            reason,
          });
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        try {
          verifySignature(request, key, source, raw);
        } catch (error) {
          await refusedAs('The signature does not match the body');
          throw error;
        }
        await storage.touchInboundSource(source.id, new Date().toISOString());
        try {
          // The guard every other JSON body passes (json-body.ts): a deep nest would stall the server.
          if (/json/i.test(request.headers['content-type'] ?? '') && nestsDeeperThan(raw.toString('utf8'), MAX_JSON_DEPTH))
            throw new HttpError(400, 'bad_request', `Invalid JSON body: nested more than ${MAX_JSON_DEPTH} levels deep`);
          const message = await inboundMessageOf(request.headers['content-type'], raw);
          const refused = await sourceViolation(sync, source);
          if (refused) throw refused;
          const filed = await fileInbound(sync, source, message, raw);
          reply.status(filed.duplicate ? 200 : 201);
          return filed;
        } catch (error) {
          // Why it was refused is on record, never what the message said.
          if (error instanceof HttpError && error.statusCode !== 409) await refusedAs(error.message);
          throw error;
        }
      },
    );
  });
}
