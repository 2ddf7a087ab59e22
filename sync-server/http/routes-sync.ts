import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isCollectionName } from '../../shared/collections';
import { readableBuckets } from '../../shared/policy';
import { decodeCheckpoint, PullQuery, PushRequest } from '../../shared/wire';
import { authenticate, policyUser } from '../auth/actor';
import type { TokenService } from '../auth/tokens';
import type { SyncContext } from '../sync/context';
import { HANDLERS } from '../sync/handlers';
import { pullChanges } from '../sync/pull';
import { pushRows } from '../sync/push';
import type { StreamHub } from '../sync/stream';
import { HttpError, parseOrBadRequest } from './errors';

function handlerFor(request: FastifyRequest) {
  const { collection } = request.params as { collection: string };
  if (!isCollectionName(collection)) throw new HttpError(404, 'not_found', `Unknown collection "${collection}"`);
  return HANDLERS[collection];
}

export function registerSyncRoutes(app: FastifyInstance, sync: SyncContext, tokens: TokenService, hub: StreamHub): void {
  const { storage } = sync;
  app.get('/api/sync/:collection/pull', async (request) => {
    const actor = await authenticate(request, storage, tokens);
    const handler = handlerFor(request);
    const query = parseOrBadRequest(PullQuery, request.query, 'pull query');
    const afterSeq = decodeCheckpoint(query.checkpoint);
    if (afterSeq === undefined) throw new HttpError(400, 'bad_request', 'Invalid checkpoint: send back the one the last pull returned');
    return pullChanges(sync, handler, actor, afterSeq, query.limit);
  });

  app.post('/api/sync/:collection/push', async (request) => {
    const actor = await authenticate(request, storage, tokens);
    const handler = handlerFor(request);
    const rows = parseOrBadRequest(PushRequest, request.body, 'push body (an array of {assumedMasterState?, newDocumentState})');
    const outcome = await pushRows(sync, handler, actor, rows);
    return outcome.answer;
  });

  app.get('/api/sync/stream', async (request, reply) => {
    const actor = await authenticate(request, storage, tokens);
    reply.hijack();
    const buckets = readableBuckets(policyUser(actor), (await sync.practice.get()).queues.keys());
    // Headers set by hooks (CORS for the desktop app) go out with the hijacked stream too.
    hub.open(reply.raw, { userId: actor.userId, sessionId: actor.sessionId, buckets }, await storage.currentSeq(), reply.getHeaders() as OutgoingHttpHeaders);
  });
}
