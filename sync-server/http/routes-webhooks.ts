// Outbound webhooks, an admin's: register (the signing secret shown once), list, rotate the secret,
// disable, delete, and read a webhook's delivery log. Each change is audited. An admin sees and
// manages only webhooks whose locations they all administer, and a webhook hears only of tasks of
// its locations (webhooks/dispatcher.ts).
import type { FastifyInstance } from 'fastify';
import { newId } from '../../shared/ids';
import { CreateWebhookRequest, type IssuedWebhook, type WebhookDelivery, type WebhookSummary } from '../../shared/intake/webhooks';
import { IdParams } from '../../shared/wire';
import type { Actor } from '../auth/actor';
import { recordActorAudit } from '../audit/record';
import { HttpError, parseOrBadRequest } from '../errors/http-error';
import type { WebhookDeliveryRecord, WebhookRecord } from '../storage/types';
import { newSecretNonce, webhookSecret } from '../webhooks/signature';
import { requireAdmin } from './routes-admin';
import type { AuthContext } from './routes-auth';

/** The log shows this many of a webhook's latest deliveries. */
const LOG_LENGTH = 200;

const summaryOf = ({ secretNonce: _nonce, ...rest }: WebhookRecord): WebhookSummary => rest;
const logLineOf = ({ webhookId: _webhook, payload: _payload, ...rest }: WebhookDeliveryRecord): WebhookDelivery => rest;

export function registerWebhookRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const { storage } = ctx;
  const audit = (actor: Actor, action: string, docId: string, after: unknown) =>
    recordActorAudit(storage, actor, { action, collection: 'webhooks', docId, after });
  const administers = (actor: Actor, webhook: WebhookRecord) => webhook.locationIds.every((l) => actor.locationIds.includes(l));
  const issued = (webhook: WebhookRecord): IssuedWebhook => ({
    id: webhook.id,
    secret: webhookSecret(ctx.keyEscrowSecret, webhook.id, webhook.secretNonce),
    webhook: summaryOf(webhook),
  });

  /** A webhook the admin may manage; any other is as unknown as one that does not exist. */
  const managed = async (actor: Actor, id: string): Promise<WebhookRecord> => {
    const webhook = await storage.getWebhook(id);
    if (!webhook || !administers(actor, webhook)) throw new HttpError(404, 'not_found', `No webhook ${id}`);
    return webhook;
  };

  app.post('/api/admin/webhooks', async (request, reply): Promise<IssuedWebhook> => {
    const actor = await requireAdmin(request, ctx);
    const body = parseOrBadRequest(CreateWebhookRequest, request.body, 'webhook ({url, events, name?, allowPhi?, locationIds?})');
    const locationIds = body.locationIds ?? actor.locationIds;
    const outside = locationIds.find((l) => !actor.locationIds.includes(l));
    if (outside) throw new HttpError(403, 'forbidden', `You do not administer location ${outside}`);
    if (locationIds.length === 0) throw new HttpError(403, 'forbidden', 'You administer no location');
    const webhook: WebhookRecord = {
      id: newId(),
      name: body.name || new URL(body.url).host,
      url: body.url,
      events: [...new Set(body.events)],
      locationIds: [...new Set(locationIds)],
      allowPhi: body.allowPhi,
      secretNonce: newSecretNonce(),
      createdAt: new Date().toISOString(),
      createdBy: actor.userId,
      rotatedAt: null,
      disabledAt: null,
    };
    await storage.insertWebhook(webhook);
    await audit(actor, 'webhook_created', webhook.id, summaryOf(webhook));
    reply.status(201);
    return issued(webhook);
  });

  app.get('/api/admin/webhooks', async (request, reply): Promise<WebhookSummary[]> => {
    const actor = await requireAdmin(request, ctx);
    reply.header('cache-control', 'no-store');
    return (await storage.listWebhooks()).filter((w) => administers(actor, w)).map(summaryOf);
  });

  app.post('/api/admin/webhooks/:id/rotate', async (request): Promise<IssuedWebhook> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'webhook id');
    const webhook = await managed(actor, id);
    const nonce = newSecretNonce();
    const at = new Date().toISOString();
    if (!(await storage.rotateWebhook(id, nonce, at))) throw new HttpError(409, 'conflict', 'A disabled webhook cannot be rotated');
    await audit(actor, 'webhook_rotated', id, { name: webhook.name });
    return issued({ ...webhook, secretNonce: nonce, rotatedAt: at });
  });

  app.post('/api/admin/webhooks/:id/disable', async (request): Promise<{ ok: true }> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'webhook id');
    const webhook = await managed(actor, id);
    if (await storage.disableWebhook(id, new Date().toISOString())) await audit(actor, 'webhook_disabled', id, { name: webhook.name });
    return { ok: true };
  });

  app.post('/api/admin/webhooks/:id/delete', async (request): Promise<{ ok: true }> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'webhook id');
    const webhook = await managed(actor, id);
    if (await storage.deleteWebhook(id)) await audit(actor, 'webhook_deleted', id, { name: webhook.name, url: webhook.url });
    return { ok: true };
  });

  app.get('/api/admin/webhooks/:id/deliveries', async (request, reply): Promise<WebhookDelivery[]> => {
    const actor = await requireAdmin(request, ctx);
    const { id } = parseOrBadRequest(IdParams, request.params, 'webhook id');
    await managed(actor, id);
    reply.header('cache-control', 'no-store');
    return (await storage.listWebhookDeliveries(id, LOG_LENGTH)).map(logLineOf);
  });
}
