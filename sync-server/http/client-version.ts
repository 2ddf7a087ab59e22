// BATON_MIN_CLIENT_VERSION: API requests from an older app (or one that names no release, as every
// app before this check) are answered 426 before anything is read or written, so a release whose
// documents the server would misread cannot write. Health, readiness and metrics stay open.
import type { FastifyInstance } from 'fastify';
import { CLIENT_VERSION_HEADER, compareVersions, Version, type ClientTooOld } from '../../shared/client-version';

const OPEN = new Set(['/api/health', '/api/ready']);

export function registerClientVersionCheck(app: FastifyInstance, minVersion: string | undefined): void {
  if (!minVersion) return;
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/') || OPEN.has(path) || request.method === 'OPTIONS') return;
    const named = Version.safeParse(request.headers[CLIENT_VERSION_HEADER]);
    if (named.success && compareVersions(named.data, minVersion) >= 0) return;
    const body: ClientTooOld = {
      error: 'client_too_old',
      message: `This Baton app is older than the server supports (${minVersion} or newer): install the update. Changes not yet uploaded stay on this workstation.`,
      minVersion,
    };
    return reply.status(426).send(body);
  });
}
