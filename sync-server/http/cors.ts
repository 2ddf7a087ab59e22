// Cross-origin access for the desktop app, whose pages come from `baton://app` while the API is
// on the sync server's http(s) origin. Only the configured origins get CORS headers; the web
// host is same-origin and needs none.
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { CLIENT_VERSION_HEADER } from '../../shared/client-version';
import { REPLICATION_HEADER, WRITER_HEADER } from '../../shared/wire';

/** What the app sends besides a simple request's headers: auth, JSON bodies and Baton's own. */
const ALLOWED_HEADERS = ['authorization', 'content-type', REPLICATION_HEADER, WRITER_HEADER, CLIENT_VERSION_HEADER];

/** Registers before the hooks that refuse requests (client version, session), so a preflight is answered first. */
export async function registerCors(app: FastifyInstance, allowedOrigins: string[]): Promise<void> {
  const allowed = new Set(allowedOrigins);
  await app.register(fastifyCors, {
    // A function, not the list: an origin outside it gets no CORS headers and no preflight answer at all.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PATCH'],
    allowedHeaders: ALLOWED_HEADERS,
    maxAge: 600,
  });
}
