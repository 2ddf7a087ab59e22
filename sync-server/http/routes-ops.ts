// What IT watches: alive (/api/health), ready to serve (/api/ready) and Prometheus metrics
// (/metrics, for an admin's bearer token; or without a token on BATON_METRICS_PORT, see ops/metrics-server.ts).
import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from '../ops/metrics';
import { SERVER_VERSION } from '../ops/version';
import { SCHEMA_VERSION, storedSchemaVersion } from '../storage/schema-version';
import type { Storage } from '../storage/types';
import { requireAdmin } from './routes-admin';
import type { AuthContext } from './routes-auth';

interface Readiness {
  ok: boolean;
  version: string;
  /** The schema version the database holds (null when it did not answer). */
  schemaVersion: number | null;
  db: { kind: Storage['kind']; ok: boolean; error?: string };
}

/** Ready: the database answers within `timeoutMs` and holds this release's schema. */
async function readiness(storage: Storage, timeoutMs = 3000): Promise<Readiness> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const schemaVersion = await Promise.race([storedSchemaVersion(storage), timeout]);
    const current = schemaVersion === SCHEMA_VERSION;
    return {
      ok: current,
      version: SERVER_VERSION,
      schemaVersion,
      db: { kind: storage.kind, ok: true, ...(current ? {} : { error: `schema ${schemaVersion}, this release needs ${SCHEMA_VERSION}` }) },
    };
  } catch (error) {
    // The driver's message names the failure (refused, timed out), never a password or a row.
    return {
      ok: false,
      version: SERVER_VERSION,
      schemaVersion: null,
      db: { kind: storage.kind, ok: false, error: (error as Error).message },
    };
  } finally {
    clearTimeout(timer);
  }
}

export function registerOpsRoutes(app: FastifyInstance, ctx: AuthContext, metrics: ServerMetrics): void {
  app.get('/api/health', async () => ({ ok: true, version: SERVER_VERSION }));
  app.get('/api/ready', async (_request, reply) => {
    const ready = await readiness(ctx.storage);
    return reply.status(ready.ok ? 200 : 503).send(ready);
  });
  app.get('/metrics', async (request, reply) => {
    await requireAdmin(request, ctx);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
