// Builds the sync server: storage, auth, replication endpoints, event streams and the web host.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PasswordGate, type PasswordVerifier } from './auth/password-gate';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter, type SignInGate, type SignInLimits } from './auth/rate-limit';
import { SharedSignInLimiter } from './auth/shared-rate-limit';
import { watchStreamSessions } from './auth/session-watch';
import { SessionService } from './auth/sessions';
import { createTokenService } from './auth/tokens';
import type { ServerConfig } from './config';
import { registerClientVersionCheck } from './http/client-version';
import { registerSessionFirst } from './http/session-first';
import { registerCors } from './http/cors';
import { DEFAULT_SIGN_IN_REQUESTS, registerRequestLimits, type RequestLimit } from './http/request-limits';
import { HttpError } from './errors/http-error';
import { registerJsonBodies } from './http/json-body';
import { registerAdminRoutes } from './http/routes-admin';
import { registerAuthRoutes, type AuthContext } from './http/routes-auth';
import { registerReportRoutes } from './http/routes-reports';
import { registerOpsRoutes } from './http/routes-ops';
import { registerSyncRoutes } from './http/routes-sync';
import { registerWorkstationRoutes } from './http/routes-workstations';
import { registerIntakeRoutes } from './http/routes-intake';
import { registerWebhookRoutes } from './http/routes-webhooks';
import { createWebhookDispatcher, type DispatcherOptions, type WebhookDispatcher } from './webhooks/dispatcher';
import {
  DEFAULT_PATIENT_REQUEST_LIMITS,
  registerPatientRequestRoutes,
  withoutStatusToken,
  type PatientRequestLimits,
} from './http/routes-patient-requests';
import { formTokenKey } from './intake/form-token';
import { registerInboundRoutes } from './http/routes-inbound';
import { registerAttachmentRoutes } from './http/routes-attachments';
import { registerMultipart } from './http/multipart';
import { attachmentCipherKey } from './attachments/seal';
import { registerUpdateRoutes } from './http/routes-updates';
import { updatesDirFor } from './updates/releases';
import { createMetrics } from './ops/metrics';
import { startAuditHeadExport } from './audit/head-export';
import { startMetricsServer } from './ops/metrics-server';
import { seedDemoPractice } from './seed/demo';
import { openKeyedStorage } from './secrets/open-keyed';
import { readRetiredTokenKeys } from './secrets/token-keys';
import { startClaimPruning } from './sync/claim-pruning';
import { startSlaScheduler, type SchedulerOptions } from './automation/sla-scheduler';
import { SESSION_ENDED_NOTICE, type Storage } from './storage/types';
import { StreamHub } from './sync/stream';
import { PUSH_BODY_MAX_BYTES } from './sync/limits';
import type { SyncContext } from './sync/context';
import { PracticeCache } from './sync/practice';
import { warmTaskCache } from './reports/task-cache';
import { scopeOfUser } from './sync/user-scope';
import { PHI_TASK_FIELDS } from '../shared/task';

/** What a request log line says: method and path; a query string (dates, ids, a stray token) and a status link's token are redacted. */
function requestForLog(request: { method: string; url: string; ip?: string }): Record<string, string | undefined> {
  const query = request.url.indexOf('?');
  const url = withoutStatusToken(query < 0 ? request.url : `${request.url.slice(0, query)}?[redacted]`);
  return { method: request.method, url, remoteAddress: request.ip };
}

/** Secrets and PHI that must never reach a log line, should any log call carry them (pino paths). */
export const LOG_REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.refreshToken',
  '*.keySecret',
  '*.workstationSecret',
  ...PHI_TASK_FIELDS.map((field) => `*.${field}`),
];

/** Believe the nearest `hops` proxies (Fastify's typings take a number for http only). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export interface BatonServer {
  app: FastifyInstance;
  storage: Storage;
  hub: StreamHub;
  /** Where /metrics answers without a token (BATON_METRICS_PORT), if set. */
  metricsAddress?: string;
  /** Every route registered (method and pattern), so a test can hold a rule over all of them. */
  routes: { method: string; url: string }[];
  /** Resolves when the reports' task cache has been filled after the start (see reports/task-cache.ts). */
  reportsWarm: Promise<void>;
  /** The webhook dispatcher (tests run a pass with their own clock). */
  webhooks: WebhookDispatcher;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Sign-in failure allowances (tests make them small). */
  signInLimits?: SignInLimits;
  /** Requests per address on each sign-in route, failed or not (tests make it small). */
  signInRequests?: RequestLimit;
  /** Password checks run at once (default 2: one per core of the small on-site machine). */
  passwordSlots?: number;
  /** Tests only: the password verifier (e.g. counting how many checks reach the hash). */
  verifyPassword?: PasswordVerifier;
  /** The clock of tokens and stream expiry, epoch ms (tests move it instead of waiting). */
  now?: () => number;
  /** The SLA scheduler's clock and timing (tests inject a clock). */
  scheduler?: SchedulerOptions;
  /** The webhook dispatcher's clock and retry timing; `start: false` leaves it to the test to run. */
  webhooks?: Omit<DispatcherOptions, 'serverKey'> & { start?: boolean };
  /** Requests per address on the patient request page and its status link (tests make them small). */
  patientRequests?: PatientRequestLimits;
}

export async function createServer(config: ServerConfig, options: ServerOptions = {}): Promise<BatonServer> {
  const { storage, secrets } = await openKeyedStorage(config);
  const now = options.now ?? Date.now;
  const sync: SyncContext = {
    storage,
    practice: new PracticeCache(storage),
    attachments: { key: attachmentCipherKey(secrets.attachmentKey), limits: config.attachmentLimits },
  };
  if (config.demo && (await storage.countUsers()) === 0) await seedDemoPractice(sync, { historyDays: config.demoHistoryDays });
  const metrics = createMetrics({ storage, openStreams: () => hub.size });
  sync.metrics = metrics;
  const hub = new StreamHub(storage, scopeOfUser(sync), metrics.fanout);
  const sessions = new SessionService(
    storage,
    createTokenService(secrets.tokenSecret, config.tokenTtlSeconds, now, readRetiredTokenKeys(secrets.dir)),
    {
      accessTtlSeconds: config.tokenTtlSeconds,
      refreshTtlSeconds: config.refreshTtlSeconds,
      onRevoked: (ids) => {
        ids.forEach((id) => hub.closeSession(id));
        // Other instances on the database drop their cached answer and close its streams now.
        for (const id of ids) {
          storage
            .publish({ collection: SESSION_ENDED_NOTICE, seq: 0, buckets: [], sessionId: id })
            .catch((error: Error) => app.log.error({ err: { message: error.message } }, 'session end notice failed'));
        }
      },
    },
  );
  const stopHearingEnds = storage.subscribe((notice) => {
    if (notice.collection !== SESSION_ENDED_NOTICE || !notice.sessionId) return;
    sessions.ended([notice.sessionId]);
    hub.closeSession(notice.sessionId);
  });
  // Every route verifies tokens through the session check: a revoked session's token stops working.
  const tokens = sessions.guard();
  // Several instances share one PostgreSQL database: they count sign-in failures there, together.
  const limits = options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS;
  const limiter: SignInGate = storage.signInLedger ? new SharedSignInLimiter(storage.signInLedger, limits) : new SignInLimiter(limits);
  const stopWatching = watchStreamSessions(hub, sessions, storage, now);
  const passwords = new PasswordGate({ slots: options.passwordSlots ?? 2, maxWaiting: 500, verify: options.verifyPassword });
  const auth: AuthContext = {
    storage,
    tokens,
    sessions,
    limiter,
    signInRequests: options.signInRequests ?? DEFAULT_SIGN_IN_REQUESTS,
    passwords,
    hub,
    requireEnrollment: config.requireEnrollment,
    keyEscrowSecret: secrets.keyEscrowSecret,
  };

  // Request logs carry method, path and status only: no bodies, no query strings, so no PHI or token. With a certificate the
  // server speaks HTTPS only; without one, config.ts has already refused any non-loopback address
  // unless BATON_ALLOW_PLAIN_HTTP is set.
  const app = Fastify({
    logger: { level: config.logLevel, serializers: { req: requestForLog }, redact: { paths: LOG_REDACTED, censor: '[redacted]' } },
    bodyLimit: PUSH_BODY_MAX_BYTES,
    // Behind a reverse proxy: the client's address from X-Forwarded-For, for sign-in limits and the audit.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
    // Fastify's own refusal of an address it cannot decode would echo the address (which may carry
    // a token or a patient reference) in its own format: ours names no part of it.
    frameworkErrors: (_error, _request, reply) => {
      void (reply as unknown as FastifyReply).status(400).send({ error: 'bad_request', message: 'The request address is not valid' });
    },
  }) as unknown as FastifyInstance;
  const routes: BatonServer['routes'] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
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
          if (r.escalations + r.warnings + r.reminders > 0)
            app.log.info({ escalations: r.escalations, warnings: r.warnings, reminders: r.reminders }, 'SLA automation pass');
        },
        onError: (error) => app.log.error({ err: { message: (error as Error).message } }, 'SLA automation pass failed'),
        ...options.scheduler,
      })
    : undefined;

  registerJsonBodies(app);
  registerCors(app, config.allowedOrigins);
  // Before the routes: the plugin puts its hook on each route as it is added.
  await registerRequestLimits(app);
  registerClientVersionCheck(app, config.minClientVersion);
  registerSessionFirst(app, storage, tokens);
  await registerMultipart(app, config.attachmentLimits);
  // Counted by route pattern, never by URL: a URL may carry ids.
  app.addHook('onResponse', async (request, reply) => {
    metrics.request(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  registerOpsRoutes(app, auth, metrics);
  registerAuthRoutes(app, auth);
  registerAdminRoutes(app, auth);
  registerWorkstationRoutes(app, auth);
  registerIntakeRoutes(app, auth, sync);
  registerWebhookRoutes(app, auth);
  registerPatientRequestRoutes(app, sync, {
    limits: options.patientRequests ?? DEFAULT_PATIENT_REQUEST_LIMITS,
    formKey: formTokenKey(secrets.tokenSecret),
    now,
    frameAncestors: config.requestPageFrameAncestors,
    minFillMs: config.requestMinFillMs,
  });
  registerInboundRoutes(app, auth, sync);
  registerUpdateRoutes(app, auth, updatesDirFor(config.dataDir));
  registerSyncRoutes(app, sync, tokens, hub);
  registerAttachmentRoutes(app, sync, tokens);
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
  const { start: startWebhooks = true, ...webhookOptions } = options.webhooks ?? {};
  const webhooks = createWebhookDispatcher(sync, {
    serverKey: secrets.keyEscrowSecret,
    onError: (error) => app.log.error({ err: { message: (error as Error).message } }, 'webhook delivery pass failed'),
    ...webhookOptions,
    policy: { firstRetryMs: config.webhookFirstRetryMs, ...webhookOptions.policy },
  });
  if (startWebhooks) webhooks.start();
  const claimPruning = startClaimPruning(storage, {
    onError: (error) => app.log.error({ err: { message: (error as Error).message } }, 'forgetting old once-keys failed'),
  });
  // The KPI report's digests from the last run's snapshot before the server is ready; the rest of
  // the reports' and the SLA automation's task cache in the background.
  const taskCache = await warmTaskCache(sync, config.dataDir);
  const metricsServer =
    config.metricsPort === undefined ? undefined : await startMetricsServer(metrics, config.metricsPort, config.metricsHost);

  return {
    app,
    storage,
    hub,
    metricsAddress: metricsServer?.address,
    routes,
    reportsWarm: taskCache.done,
    webhooks,
    close: async () => {
      await metricsServer?.close();
      headExport?.stop();
      await headExport?.exported;
      stopWatching();
      stopHearingEnds();
      await scheduler?.stop();
      await webhooks.stop();
      await claimPruning.stop();
      limiter.close();
      hub.close();
      await app.close();
      // After the last request: the KPI snapshot it saves holds every write.
      await taskCache.stop();
      sync.practice.close();
      await storage.close();
    },
  };
}
