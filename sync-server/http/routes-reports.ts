// Reports any signed-in person may ask for, over exactly the tasks they may read (the same
// buckets their pull reads): nothing here widens what a role sees.
import type { FastifyInstance } from 'fastify';
import { bucketReader } from '../../shared/policy';
import { slaReport, type SlaReport } from '../../shared/sla/report';
import type { Task } from '../../shared/task';
import { authenticate, policyUser } from '../auth/actor';
import type { TokenService } from '../auth/tokens';
import type { SyncContext } from '../sync/context';

export function registerReportRoutes(app: FastifyInstance, sync: SyncContext, tokens: TokenService, now: () => number = Date.now): void {
  app.get('/api/reports/sla', async (request, reply): Promise<SlaReport> => {
    const actor = await authenticate(request, sync.storage, tokens);
    const practice = await sync.practice.get();
    const reads = bucketReader(policyUser(actor), practice.queues.keys());
    const tasks = (await sync.storage.listDocs('tasks')).filter((doc) => !doc.deleted && reads(doc.buckets)).map((doc) => doc.data as Task);
    reply.header('cache-control', 'no-store');
    return slaReport(tasks, practice, now());
  });
}
