// Routes that need a session check it before their body is read: a request without a valid token
// is refused (401) before the server receives and parses what may be megabytes of JSON. The
// fuzzer found requests queued for seconds behind unauthenticated 15 MB bodies (tests/fuzz).
import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth/actor';
import type { TokenService } from '../auth/tokens';
import type { Storage } from '../storage/types';
import { KEY_ROUTE_PREFIX } from './routes-intake';

/** Routes with a body that anyone may call: signing in, renewing or ending a session, enrolling. */
const OPEN_BODY_ROUTES: ReadonlySet<string> = new Set([
  '/api/auth/login',
  '/api/auth/refresh',
  '/api/auth/logout',
  '/api/workstations/enroll',
  '/api/workstations/status',
]);

/** The catch-all that answers 404 for unknown API paths (no session needed to learn that). */
const NOT_FOUND_ROUTE = '/api/*';

export function registerSessionFirst(app: FastifyInstance, storage: Storage, tokens: TokenService): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/') || route === NOT_FOUND_ROUTE || OPEN_BODY_ROUTES.has(route)) return;
    // An API key's routes check the key first, in their own hook (routes-intake.ts).
    if (route.startsWith(KEY_ROUTE_PREFIX)) return;
    // The handler's own authenticate() reuses this result (auth/actor.ts).
    await authenticate(request, storage, tokens);
  });
}
