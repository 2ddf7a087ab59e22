import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isCollectionName } from '../../shared/collections';
import { PullQuery, PushRequest, REPLICATION_HEADER, WRITER_HEADER, WriterId } from '../../shared/wire';
import { authenticate } from '../auth/actor';
import { bucketsOfUser } from '../sync/user-scope';
import type { TokenService } from '../auth/tokens';
import type { SyncContext } from '../sync/context';
import { HANDLERS } from '../sync/handlers';
import { pullChanges } from '../sync/pull';
import { ClientGone, pushRows } from '../sync/push';
import { writerOf } from '../sync/writer';
import { decodeScoped } from '../sync/scope';
import { databaseId } from '../storage/identity';
import type { StreamHub } from '../sync/stream';
import { HttpError, parseOrBadRequest } from '../errors/http-error';

function handlerFor(request: FastifyRequest) {
  const { collection } = request.params as { collection: string };
  if (!isCollectionName(collection)) throw new HttpError(404, 'not_found', `Unknown collection "${collection}"`);
  return HANDLERS[collection];
}

export function registerSyncRoutes(app: FastifyInstance, sync: SyncContext, tokens: TokenService, hub: StreamHub): void {
  const { storage } = sync;
  app.get('/api/sync/:collection/pull', async (request, reply) => {
    const actor = await authenticate(request, storage, tokens);
    const handler = handlerFor(request);
    const query = parseOrBadRequest(PullQuery, request.query, 'pull query');
    const from = decodeScoped(query.checkpoint);
    if (from === undefined) throw new HttpError(400, 'bad_request', 'Invalid checkpoint: send back the one the last pull returned');
    // Already JSON (pull.ts): sent as it is, as Fastify would type an object.
    return reply.type('application/json; charset=utf-8').send(await pullChanges(sync, handler, actor, from, query.limit));
  });

  app.post('/api/sync/:collection/push', async (request, reply) => {
    const actor = await authenticate(request, storage, tokens);
    const handler = handlerFor(request);
    const rows = parseOrBadRequest(PushRequest, request.body, 'push body (an array of {assumedMasterState?, newDocumentState})');
    const replicating = request.headers[REPLICATION_HEADER] !== undefined;
    const replicaId = request.headers[WRITER_HEADER];
    const writer = writerOf(actor, replicaId === undefined ? undefined : parseOrBadRequest(WriterId, replicaId, `${WRITER_HEADER} header`));
    const clientGone = () => request.raw.socket?.destroyed === true;
    let outcome: Awaited<ReturnType<typeof pushRows>>;
    try {
      outcome = await pushRows(sync, handler, actor, rows, { answerAccepted: replicating, writer, replayGuard: true, clientGone });
    } catch (error) {
      // Nobody reads this answer; the client pushes again.
      if (error instanceof ClientGone) return reply.status(503).send({ error: 'client_gone', message: error.message });
      throw error;
    }
    sync.metrics?.pushRows(handler.name, rows.length - outcome.refused, outcome.refused);
    // A replicating workstation reads refusals from the answer rows (and its rejection notices);
    // a direct API call is told plainly that it was not allowed.
    const denied = outcome.refusals.find((r) => r.code === 'forbidden');
    if (denied && !replicating) {
      return reply.status(403).send({ error: 'forbidden', message: denied.message, documents: outcome.answer });
    }
    return outcome.answer;
  });

  app.get('/api/sync/stream', async (request, reply) => {
    const actor = await authenticate(request, storage, tokens);
    // HEAD gets the head alone: an open stream never sends its head for HEAD (Node drops the body
    // writes that would flush it), so the client would wait on an answer that never comes.
    if (request.method === 'HEAD')
      return reply.type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache, no-transform').send();
    reply.hijack();
    const buckets = await bucketsOfUser(sync, { id: actor.userId, roles: actor.roles, locationIds: actor.locationIds });
    // Headers set by hooks (CORS for the desktop app) go out with the hijacked stream too.
    const database = await databaseId(storage);
    hub.open(
      reply.raw,
      { userId: actor.userId, sessionId: actor.sessionId, buckets, tokenExpiresAt: actor.tokenExpiresAt, database },
      await storage.currentSeq(),
      reply.getHeaders() as OutgoingHttpHeaders,
    );
  });
}
