// Builds the sync server: storage, auth, replication endpoints, event streams and the web host.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PasswordGate, type PasswordVerifier } from './auth/password-gate';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter, type SignInLimits } from './auth/rate-limit';
import { watchStreamSessions } from './auth/session-watch';
import { SessionService } from './auth/sessions';
import { createTokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import { registerClientVersionCheck } from './http/client-version';
import { registerSessionFirst } from './http/session-first';
import { registerCors } from './http/cors';
import { HttpError } from './http/errors';
import { registerJsonBodies } from './http/json-body';
import { registerAdminRoutes } from './http/routes-admin';
import { registerAuthRoutes, type AuthContext } from './http/routes-auth';
import { registerReportRoutes } from './http/routes-reports';
import { registerOpsRoutes } from './http/routes-ops';
import { registerSyncRoutes } from './http/routes-sync';
import { registerWorkstationRoutes } from './http/routes-workstations';
import { registerUpdateRoutes } from './http/routes-updates';
import { updatesDirFor } from './updates/releases';
import { createMetrics } from './ops/metrics';
import { startAuditHeadExport } from './audit/head-export';
import { startMetricsServer } from './ops/metrics-server';
import { seedDemoPractice } from './seed/demo';
import { openKeyedStorage } from './secrets/open-keyed';
import { readRetiredTokenKeys } from './secrets/token-keys';
import { startSlaScheduler, type SchedulerOptions } from './automation/sla-scheduler';
import type { Storage } from './storage/types';
import { StreamHub } from './sync/stream';
import { PUSH_BODY_MAX_BYTES } from './sync/limits';
import type { SyncContext } from './sync/context';
import { PracticeCache } from './sync/practice';
import { scopeOfUser } from './sync/user-scope';

/** What a request log line says: method and path; a query string (dates, ids, a stray token) is redacted. */
export function requestForLog(request: { method: string; url: string; ip?: string }): Record<string, string | undefined> {
  const query = request.url.indexOf('?');
  return { method: request.method, url: query < 0 ? request.url : `${request.url.slice(0, query)}?[redacted]`, remoteAddress: request.ip };
}

/** Believe the nearest `hops` proxies (Fastify's typings take a number for http only). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export interface BatonServer {
  app: FastifyInstance;
  storage: Storage;
  hub: StreamHub;
  /** Where /metrics answers without a token (BATON_METRICS_PORT), if set. */
  metricsAddress?: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Sign-in failure allowances (tests make them small). */
  signInLimits?: SignInLimits;
  /** Password checks run at once (default 2: one per core of the small on-site machine). */
  passwordSlots?: number;
  /** Tests only: the password verifier (e.g. counting how many checks reach the hash). */
  verifyPassword?: PasswordVerifier;
  /** The clock of tokens and stream expiry, epoch ms (tests move it instead of waiting). */
  now?: () => number;
  /** The SLA scheduler's clock and timing (tests inject a clock). */
  scheduler?: SchedulerOptions;
}

export async function createServer(config: ServerConfig, options: ServerOptions = {}): Promise<BatonServer> {
  const { storage, secrets } = await openKeyedStorage(config);
  const now = options.now ?? Date.now;
  const sync: SyncContext = { storage, practice: new PracticeCache(storage) };
  if (config.demo && (await storage.countUsers()) === 0) await seedDemoPractice(sync, { historyDays: config.demoHistoryDays });
  const metrics = createMetrics({ storage, openStreams: () => hub.size });
  sync.metrics = metrics;
  const hub = new StreamHub(storage, scopeOfUser(sync), metrics.fanout);
  const sessions = new SessionService(storage, createTokenService(secrets.tokenSecret, config.tokenTtlSeconds, now, readRetiredTokenKeys(secrets.dir)), {
    accessTtlSeconds: config.tokenTtlSeconds,
    refreshTtlSeconds: config.refreshTtlSeconds,
    onRevoked: (ids) => ids.forEach((id) => hub.closeSession(id)),
  });
  // Every route verifies tokens through the session check: a revoked session's token stops working.
  const tokens = sessions.guard();
  const limiter = new SignInLimiter(options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS);
  const stopWatching = watchStreamSessions(hub, sessions, storage, now);
  const passwords = new PasswordGate({ slots: options.passwordSlots ?? 2, maxWaiting: 500, verify: options.verifyPassword });
  const auth: AuthContext = {
    storage,
    tokens,
    sessions,
    limiter,
    passwords,
    hub,
    requireEnrollment: config.requireEnrollment,
    keyEscrowSecret: secrets.keyEscrowSecret,
  };

  // Request logs carry method, path and status only: no bodies, no query strings, so no PHI or token. With a certificate the
  // server speaks HTTPS only; without one, config.ts has already refused any non-loopback address
  // unless BATON_ALLOW_PLAIN_HTTP is set.
  const app = Fastify({
    logger: { level: config.logLevel, serializers: { req: requestForLog } },
    bodyLimit: PUSH_BODY_MAX_BYTES,
    // Behind a reverse proxy: the client's address from X-Forwarded-For, for sign-in limits and the audit.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
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

  const scheduler = config.slaAutomation
    ? startSlaScheduler(sync, {
        onPass: (r) => {
          if (r.escalations + r.warnings + r.reminders > 0) app.log.info({ escalations: r.escalations, warnings: r.warnings, reminders: r.reminders }, 'SLA automation pass');
        },
        onError: (error) => app.log.error({ err: { message: (error as Error).message } }, 'SLA automation pass failed'),
        ...options.scheduler,
      })
    : undefined;

  registerJsonBodies(app);
  registerCors(app, config.allowedOrigins);
  registerClientVersionCheck(app, config.minClientVersion);
  registerSessionFirst(app, storage, tokens);
  // Counted by route pattern, never by URL: a URL may carry ids.
  app.addHook('onResponse', async (request, reply) => {
    metrics.request(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  registerOpsRoutes(app, auth, metrics);
  registerAuthRoutes(app, auth);
  registerAdminRoutes(app, auth);
  registerWorkstationRoutes(app, auth);
  registerUpdateRoutes(app, auth, updatesDirFor(config.dataDir));
  registerSyncRoutes(app, sync, tokens, hub);
  registerReportRoutes(app, sync, tokens, now);
  app.all('/api/*', async (request) => {
    throw new HttpError(404, 'not_found', `No endpoint ${request.method} ${request.url.split('?')[0]}`);
  });

  if (fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.staticDir, wildcard: false });
    // The web host is a single-page app: unknown paths get the app itself.
    app.setNotFoundHandler((_request, reply) => reply.sendFile('index.html'));
  }

  const headExport = config.auditExport
    ? startAuditHeadExport(storage, {
        key: secrets.auditKey,
        ...config.auditExport,
        onError: (error) => app.log.error({ err: { message: (error as Error).message } }, 'audit head export failed'),
      })
    : undefined;
  const metricsServer = config.metricsPort === undefined ? undefined : await startMetricsServer(metrics, config.metricsPort, config.metricsHost);

  return {
    app,
    storage,
    hub,
    metricsAddress: metricsServer?.address,
    close: async () => {
      await metricsServer?.close();
      headExport?.stop();
      await headExport?.exported;
      stopWatching();
      await scheduler?.stop();
      limiter.close();
      hub.close();
      sync.practice.close();
      await app.close();
      await storage.close();
    },
  };
}
