// Builds the sync server: storage, auth, replication endpoints, event streams and the web host.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter, type SignInLimits } from './auth/rate-limit';
import { watchStreamSessions } from './auth/session-watch';
import { SessionService } from './auth/sessions';
import { createTokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import { registerCors } from './http/cors';
import { HttpError } from './http/errors';
import { registerJsonBodies } from './http/json-body';
import { registerAdminRoutes } from './http/routes-admin';
import { registerAuthRoutes, type AuthContext } from './http/routes-auth';
import { registerSyncRoutes } from './http/routes-sync';
import { seedDemoPractice } from './seed/demo';
import { openStorage } from './storage/open';
import type { Storage } from './storage/types';
import { StreamHub } from './sync/stream';
import type { SyncContext } from './sync/context';
import { PracticeCache } from './sync/practice';
import { scopeOfUser } from './sync/user-scope';

export interface BatonServer {
  app: FastifyInstance;
  storage: Storage;
  hub: StreamHub;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Sign-in failure allowances (tests make them small). */
  signInLimits?: SignInLimits;
}

export async function createServer(config: ServerConfig, options: ServerOptions = {}): Promise<BatonServer> {
  const storage = await openStorage(config);
  const sync: SyncContext = { storage, practice: new PracticeCache(storage) };
  if (config.demo && (await storage.countUsers()) === 0) await seedDemoPractice(sync);
  const hub = new StreamHub(storage, scopeOfUser(sync));
  const sessions = new SessionService(storage, await createTokenService(storage, config.tokenTtlSeconds), {
    accessTtlSeconds: config.tokenTtlSeconds,
    refreshTtlSeconds: config.refreshTtlSeconds,
    onRevoked: (ids) => ids.forEach((id) => hub.closeSession(id)),
  });
  // Every route verifies tokens through the session check: a revoked session's token stops working.
  const tokens = sessions.guard();
  const limiter = new SignInLimiter(options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS);
  const stopWatching = watchStreamSessions(hub, sessions, storage);
  const auth: AuthContext = { storage, tokens, sessions, limiter, hub, requireEnrollment: config.requireEnrollment };

  // Request logs carry method, path and status only: no bodies, so no PHI. With a certificate the
  // server speaks HTTPS only; without one, config.ts has already refused any non-loopback address
  // unless BATON_ALLOW_PLAIN_HTTP is set.
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 16 * 1024 * 1024,
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
  }) as unknown as FastifyInstance;
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.statusCode).send(error.toBody());
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: 'bad_request', message: (error as Error).message });
    }
    request.log.error({ err: { message: (error as Error).message, stack: (error as Error).stack } }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'The server could not complete the request' });
  });

  registerJsonBodies(app);
  registerCors(app, config.allowedOrigins);
  app.get('/api/health', async () => ({ ok: true }));
  registerAuthRoutes(app, auth);
  registerAdminRoutes(app, auth);
  registerSyncRoutes(app, sync, tokens, hub);
  app.all('/api/*', async (request) => {
    throw new HttpError(404, 'not_found', `No endpoint ${request.method} ${request.url.split('?')[0]}`);
  });

  if (fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.staticDir, wildcard: false });
    // The web host is a single-page app: unknown paths get the app itself.
    app.setNotFoundHandler((_request, reply) => reply.sendFile('index.html'));
  }

  return {
    app,
    storage,
    hub,
    close: async () => {
      stopWatching();
      limiter.close();
      hub.close();
      sync.practice.close();
      await app.close();
      await storage.close();
    },
  };
}
