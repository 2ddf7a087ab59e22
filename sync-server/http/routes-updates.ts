// Desktop updates from the clinic's own server: electron-updater's generic feed per channel
// (GET /updates/<channel>/<file>), with the location's policy applied per workstation, and the
// admin's per-location policy (channel, pinned release, staged-rollout percentage).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DEFAULT_UPDATE_POLICY, UpdatePolicy, WORKSTATION_HEADER } from '../../shared/update-policy';
import { IdParams } from '../../shared/wire';
import { recordActorAudit } from '../audit/record';
import type { Storage } from '../storage/types';
import { chooseRelease } from '../updates/rollout';
import { listVersions, RELEASE_FILE } from '../updates/releases';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import { requireAdmin } from './routes-admin';
import type { AuthContext } from './routes-auth';

const FeedParams = z.object({ channel: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), file: z.string().regex(RELEASE_FILE) });
const policyKey = (locationId: string) => `update_policy:${locationId}`;

async function updatePolicyOf(storage: Storage, locationId: string): Promise<UpdatePolicy> {
  const stored = await storage.getSetting(policyKey(locationId));
  const parsed = stored ? UpdatePolicy.safeParse(JSON.parse(stored)) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_UPDATE_POLICY;
}

export function registerUpdateRoutes(app: FastifyInstance, ctx: AuthContext, updatesRoot: string): void {
  const { storage } = ctx;

  app.get('/updates/:channel/:file', async (request, reply) => {
    const params = FeedParams.safeParse(request.params);
    if (!params.success) throw new HttpError(404, 'not_found', 'No such update file');
    const { file } = params.data;
    // A known workstation gets its location's channel whatever channel it asks for (the app asks
    // the default one): IT moves a location to another channel without touching a workstation.
    // electron-updater sends the header with the download too, so the installer comes from there.
    const header = request.headers[WORKSTATION_HEADER];
    const workstationId = typeof header === 'string' && header.length <= 64 ? header : undefined;
    const workstation = workstationId ? await storage.getWorkstation(workstationId) : undefined;
    const known = workstation && !workstation.revokedAt ? workstation : undefined;
    const policy = known ? await updatePolicyOf(storage, known.locationId) : { ...DEFAULT_UPDATE_POLICY, channel: params.data.channel };
    const channel = policy.channel;
    const versions = await listVersions(updatesRoot, channel);
    let version: string | undefined;
    if (file.endsWith('.yml')) {
      // The description names the release this workstation gets: its location's policy decides.
      version = chooseRelease(versions, policy, known?.id);
      reply.header('cache-control', 'no-store').header('vary', WORKSTATION_HEADER);
    } else {
      // Installers carry their version in the name: the newest release that has the file.
      for (const v of [...versions].reverse()) {
        if (fs.existsSync(path.join(updatesRoot, channel, v, file))) {
          version = v;
          break;
        }
      }
    }
    const target = version ? path.join(updatesRoot, channel, version, file) : undefined;
    if (!target || !fs.existsSync(target)) throw new HttpError(404, 'not_found', 'No such update file');
    reply.type(file.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream');
    return reply.send(fs.createReadStream(target));
  });

  app.get('/api/admin/update-policy/:id', async (request): Promise<UpdatePolicy> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'location id');
    if (!actor.locationIds.includes(id)) throw new HttpError(403, 'forbidden', `You do not administer location ${id}`);
    return updatePolicyOf(storage, id);
  });

  app.put('/api/admin/update-policy/:id', async (request): Promise<UpdatePolicy> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'location id');
    const policy = parseOrBadRequest(UpdatePolicy, request.body, 'update policy ({channel, version, rolloutPercent})');
    if (!actor.locationIds.includes(id)) throw new HttpError(403, 'forbidden', `You do not administer location ${id}`);
    const before = await updatePolicyOf(storage, id);
    await storage.setSetting(policyKey(id), JSON.stringify(policy));
    await recordActorAudit(storage, actor, {
      action: 'update_policy_changed',
      collection: 'settings',
      docId: id,
      before,
      after: policy,
    });
    return policy;
  });
}
