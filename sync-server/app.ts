// Builds the sync server: storage, auth, replication endpoints, event streams and the web host.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { createTokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import { HttpError } from './http/errors';
import { registerAuthRoutes } from './http/routes-auth';
import { registerSyncRoutes } from './http/routes-sync';
import { seedDemoPractice } from './seed/demo';
import { openStorage } from './storage/open';
import type { Storage } from './storage/types';
import { StreamHub } from './sync/stream';

export interface BatonServer {
  app: FastifyInstance;
  storage: Storage;
  hub: StreamHub;
  close(): Promise<void>;
}

export async function createServer(config: ServerConfig): Promise<BatonServer> {
  const storage = await openStorage(config);
  if (config.demo && (await storage.countUsers()) === 0) await seedDemoPractice(storage);
  const tokens = await createTokenService(storage, config.tokenTtlSeconds);
  const hub = new StreamHub(storage);

  // Request logs carry method, path and status only: no bodies, so no PHI.
  const app = Fastify({ logger: { level: config.logLevel }, bodyLimit: 16 * 1024 * 1024 });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.statusCode).send(error.toBody());
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: 'bad_request', message: (error as Error).message });
    }
    request.log.error({ err: { message: (error as Error).message, stack: (error as Error).stack } }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'The server could not complete the request' });
  });

  app.get('/api/health', async () => ({ ok: true }));
  registerAuthRoutes(app, storage, tokens);
  registerSyncRoutes(app, storage, tokens, hub);
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
      hub.close();
      await app.close();
      await storage.close();
    },
  };
}
