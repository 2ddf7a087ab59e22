// Cross-origin access for the desktop app, whose pages come from `baton://app` while the API is
// on the sync server's http(s) origin. Only the configured origins get CORS headers; the web
// host is same-origin and needs none. Hand-written, not @fastify/cors: with the plugin (which sends
// Vary: Origin on every answer) a reload of the web host's tab while offline no longer opened the
// board (e2e shared-workstation), so it was taken out again (issue 14).
import type { FastifyInstance } from 'fastify';
import { CLIENT_VERSION_HEADER } from '../../shared/client-version';
import { REPLICATION_HEADER, WRITER_HEADER } from '../../shared/wire';

/** What the app sends besides a simple request's headers: auth, JSON bodies and Baton's own. */
const ALLOWED_HEADERS = ['authorization', 'content-type', REPLICATION_HEADER, WRITER_HEADER, CLIENT_VERSION_HEADER].join(', ');

export function registerCors(app: FastifyInstance, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, PATCH');
      reply.header('access-control-allow-headers', ALLOWED_HEADERS);
      reply.header('access-control-max-age', '600');
      return reply.status(204).send();
    }
  });
}
