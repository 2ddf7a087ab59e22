// Reports. GET /api/reports/sla: any signed-in person, over exactly the tasks they may read (the
// same buckets their pull reads), so nothing here widens what a role sees. GET /api/reports/kpis
// (JSON, or CSV with format=csv): managers only, since the figures describe the whole practice's
// work and people; every other role gets 403.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KpiQuery, reportCsv } from '../../shared/kpi';
import { bucketReader } from '../../shared/policy';
import { slaReport, type SlaReport } from '../../shared/sla/report';
import { authenticate, policyUser, type Actor } from '../auth/actor';
import type { TokenService } from '../auth/tokens';
import { kpiReport } from '../reports/kpis';
import { cachedTasksById } from '../reports/task-cache';
import type { SyncContext } from '../sync/context';
import { HttpError, parseOrBadRequest } from '../errors/http-error';

async function requireManager(request: FastifyRequest, sync: SyncContext, tokens: TokenService): Promise<Actor> {
  const actor = await authenticate(request, sync.storage, tokens);
  if (!actor.roles.includes('manager')) throw new HttpError(403, 'forbidden', 'Only a manager may read the practice reports');
  return actor;
}

export function registerReportRoutes(app: FastifyInstance, sync: SyncContext, tokens: TokenService, now: () => number = Date.now): void {
  app.get('/api/reports/sla', async (request, reply): Promise<SlaReport> => {
    const actor = await authenticate(request, sync.storage, tokens);
    const practice = await sync.practice.get();
    const reads = bucketReader(policyUser(actor), practice.queues.keys());
    // From the server's task cache (cut down; the SLA clock reads nothing it leaves out).
    const tasks = (await cachedTasksById(sync.storage)).filter((c) => reads(c.buckets)).map((c) => c.task);
    reply.header('cache-control', 'no-store');
    return slaReport(tasks, practice, now());
  });

  app.get('/api/reports/kpis', async (request, reply) => {
    const actor = await requireManager(request, sync, tokens);
    const query = parseOrBadRequest(KpiQuery, request.query, 'report query (?from=<ISO>&to=<ISO>[&locationId=][&format=csv])');
    if (query.locationId && !actor.locationIds.includes(query.locationId)) {
      throw new HttpError(403, 'forbidden', `You do not manage location ${query.locationId}`);
    }
    const locationIds = query.locationId ? [query.locationId] : actor.locationIds;
    const report = await kpiReport(sync, actor, { from: query.from, to: query.to, at: new Date(now()).toISOString() }, locationIds);
    reply.header('cache-control', 'no-store');
    if (query.format === 'csv') {
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="baton-kpis-${query.from.slice(0, 10)}-to-${query.to.slice(0, 10)}.csv"`);
      return reportCsv(report);
    }
    return report;
  });
}
