// Reports for managers: GET /api/reports/kpis (JSON, or CSV with format=csv). Every other role
// gets 403: the figures describe the whole practice's work and people.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KpiQuery, reportCsv } from '../../shared/kpi';
import { authenticate, type Actor } from '../auth/actor';
import type { TokenService } from '../auth/tokens';
import { kpiReport } from '../reports/kpis';
import type { SyncContext } from '../sync/context';
import { HttpError, parseOrBadRequest } from './errors';

async function requireManager(request: FastifyRequest, sync: SyncContext, tokens: TokenService): Promise<Actor> {
  const actor = await authenticate(request, sync.storage, tokens);
  if (!actor.roles.includes('manager')) throw new HttpError(403, 'forbidden', 'Only a manager may read the practice reports');
  return actor;
}

export function registerReportRoutes(app: FastifyInstance, sync: SyncContext, tokens: TokenService): void {
  app.get('/api/reports/kpis', async (request, reply) => {
    const actor = await requireManager(request, sync, tokens);
    const query = parseOrBadRequest(KpiQuery, request.query, 'report query (?from=<ISO>&to=<ISO>[&locationId=][&format=csv])');
    if (query.locationId && !actor.locationIds.includes(query.locationId)) {
      throw new HttpError(403, 'forbidden', `You do not manage location ${query.locationId}`);
    }
    const locationIds = query.locationId ? [query.locationId] : actor.locationIds;
    const report = await kpiReport(sync, actor, { from: query.from, to: query.to, at: new Date().toISOString() }, locationIds);
    reply.header('cache-control', 'no-store');
    if (query.format === 'csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="baton-kpis-${query.from.slice(0, 10)}-to-${query.to.slice(0, 10)}.csv"`);
      return reportCsv(report);
    }
    return report;
  });
}
