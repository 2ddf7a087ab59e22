// The server's administration calls the admin screen makes online: workstation enrollment codes
// and tokens, enrolled workstations and revoking them, each location's update policy, live
// sessions and revoking them, the audit export, people and their roles, API keys for other
// systems, inbound fax and e-mail sources, outbound webhooks and their delivery logs. Answers are
// checked like every boundary.
import { z } from 'zod';
import { ApiKeyList, IssuedApiKey, type ApiKeySummary, type CreateApiKeyRequest } from '../../../shared/intake/api-keys';
import {
  IssuedWebhook,
  WebhookDeliveryList,
  WebhookList,
  type CreateWebhookRequest,
  type WebhookDelivery,
  type WebhookSummary,
} from '../../../shared/intake/webhooks';
import {
  InboundSourceList,
  IssuedInboundSource,
  type CreateInboundSourceRequest,
  type InboundSourceSummary,
} from '../../../shared/intake/inbound-sources';
import { UpdatePolicy } from '../../../shared/update-policy';
import { AdminWorkstationList, EnrollmentTokenResponse, type EnrollmentTokenRequest } from '../../../shared/workstation-admin';
import {
  AdminUser,
  AdminUserList,
  ApiError,
  EnrollmentCodeResponse,
  PublicUser,
  SessionInfo,
  type NewUserRequest,
  type UserAccessPatch,
} from '../../../shared/wire';

class AdminApiError extends Error {}

export interface AdminApi {
  issueEnrollmentCode(locationId: string): Promise<EnrollmentCodeResponse>;
  /** A token for a deployment script: up to maxUses workstations within expiresInDays. */
  createEnrollmentToken(body: EnrollmentTokenRequest): Promise<EnrollmentTokenResponse>;
  listWorkstations(): Promise<z.output<typeof AdminWorkstationList>>;
  /** Ends the workstation's access now; it wipes its replicas at its next contact. */
  revokeWorkstation(id: string): Promise<void>;
  getUpdatePolicy(locationId: string): Promise<UpdatePolicy>;
  setUpdatePolicy(locationId: string, policy: UpdatePolicy): Promise<UpdatePolicy>;
  listSessions(): Promise<SessionInfo[]>;
  revokeSession(id: string): Promise<void>;
  /** The export's address; the browser downloads it with the token in a fetch. */
  exportAudit(from: string, to: string): Promise<Blob>;
  listUsers(): Promise<AdminUser[]>;
  /** Roles and/or locations; answers the user as the server now has them. */
  updateUserAccess(id: string, patch: UserAccessPatch): Promise<PublicUser>;
  setUserActive(id: string, active: boolean): Promise<void>;
  /** A new person with a temporary password; answers them as listed. */
  createUser(body: NewUserRequest): Promise<AdminUser>;
  /** Sets a temporary password; the person's sessions end. */
  resetPassword(id: string, password: string): Promise<void>;
  listApiKeys(): Promise<ApiKeySummary[]>;
  /** A new key: the answer carries it this once. */
  createApiKey(body: CreateApiKeyRequest): Promise<IssuedApiKey>;
  /** A new secret for the key (the old one stops working): the answer carries it this once. */
  rotateApiKey(id: string): Promise<IssuedApiKey>;
  revokeApiKey(id: string): Promise<void>;
  listWebhooks(): Promise<WebhookSummary[]>;
  /** A new webhook: the answer carries its signing secret this once. */
  createWebhook(body: CreateWebhookRequest): Promise<IssuedWebhook>;
  /** A new signing secret (the old one stops signing): the answer carries it this once. */
  rotateWebhook(id: string): Promise<IssuedWebhook>;
  /** Stops its deliveries; pending ones are marked failed. */
  disableWebhook(id: string): Promise<void>;
  /** Removes the webhook and its delivery log (the audit log keeps that it existed). */
  deleteWebhook(id: string): Promise<void>;
  /** The webhook's delivery log, newest first. */
  listWebhookDeliveries(id: string): Promise<WebhookDelivery[]>;
  listInboundSources(): Promise<InboundSourceSummary[]>;
  /** A new source: the answer carries its signing secret this once. */
  createInboundSource(body: CreateInboundSourceRequest): Promise<IssuedInboundSource>;
  /** A new secret for the source (the old one stops working): the answer carries it this once. */
  rotateInboundSource(id: string): Promise<IssuedInboundSource>;
  revokeInboundSource(id: string): Promise<void>;
}

export function createAdminApi(serverUrl: string, getToken: () => string, doFetch: typeof fetch = fetch): AdminApi {
  async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(`${serverUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${getToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new AdminApiError('The server cannot be reached: this needs a connection.');
    }
    if (!response.ok) {
      const error = ApiError.safeParse(await response.json().catch(() => null));
      throw new AdminApiError(error.success ? error.data.message : `The server refused (HTTP ${response.status}).`);
    }
    return response;
  }
  const parse = async <S extends z.ZodType>(schema: S, response: Response): Promise<z.output<S>> => {
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new AdminApiError('The server sent an answer this app does not understand.');
    return parsed.data;
  };

  return {
    issueEnrollmentCode: async (locationId) =>
      parse(EnrollmentCodeResponse, await call('POST', '/api/admin/enrollment-codes', { locationId })),
    createEnrollmentToken: async (body) => parse(EnrollmentTokenResponse, await call('POST', '/api/admin/enrollment-tokens', body)),
    listWorkstations: async () => parse(AdminWorkstationList, await call('GET', '/api/admin/workstations')),
    revokeWorkstation: async (id) => {
      await call('POST', `/api/admin/workstations/${encodeURIComponent(id)}/revoke`, {});
    },
    getUpdatePolicy: async (locationId) =>
      parse(UpdatePolicy, await call('GET', `/api/admin/update-policy/${encodeURIComponent(locationId)}`)),
    setUpdatePolicy: async (locationId, policy) =>
      parse(UpdatePolicy, await call('PUT', `/api/admin/update-policy/${encodeURIComponent(locationId)}`, policy)),
    listSessions: async () => parse(z.array(SessionInfo), await call('GET', '/api/admin/sessions')),
    revokeSession: async (id) => {
      await call('POST', `/api/admin/sessions/${encodeURIComponent(id)}/revoke`, {});
    },
    exportAudit: async (from, to) => (await call('GET', `/api/admin/audit.csv?${new URLSearchParams({ from, to })}`)).blob(),
    listUsers: async () => parse(AdminUserList, await call('GET', '/api/admin/users')),
    updateUserAccess: async (id, patch) => parse(PublicUser, await call('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, patch)),
    setUserActive: async (id, active) => {
      await call('POST', `/api/admin/users/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`, {});
    },
    createUser: async (body) => parse(AdminUser, await call('POST', '/api/admin/users', body)),
    resetPassword: async (id, password) => {
      await call('POST', `/api/admin/users/${encodeURIComponent(id)}/password`, { password });
    },
    listApiKeys: async () => parse(ApiKeyList, await call('GET', '/api/admin/api-keys')),
    createApiKey: async (body) => parse(IssuedApiKey, await call('POST', '/api/admin/api-keys', body)),
    rotateApiKey: async (id) => parse(IssuedApiKey, await call('POST', `/api/admin/api-keys/${encodeURIComponent(id)}/rotate`, {})),
    revokeApiKey: async (id) => {
      await call('POST', `/api/admin/api-keys/${encodeURIComponent(id)}/revoke`, {});
    },
    listWebhooks: async () => parse(WebhookList, await call('GET', '/api/admin/webhooks')),
    createWebhook: async (body) => parse(IssuedWebhook, await call('POST', '/api/admin/webhooks', body)),
    rotateWebhook: async (id) => parse(IssuedWebhook, await call('POST', `/api/admin/webhooks/${encodeURIComponent(id)}/rotate`, {})),
    disableWebhook: async (id) => {
      await call('POST', `/api/admin/webhooks/${encodeURIComponent(id)}/disable`, {});
    },
    deleteWebhook: async (id) => {
      await call('POST', `/api/admin/webhooks/${encodeURIComponent(id)}/delete`, {});
    },
    listWebhookDeliveries: async (id) =>
      parse(WebhookDeliveryList, await call('GET', `/api/admin/webhooks/${encodeURIComponent(id)}/deliveries`)),
    listInboundSources: async () => parse(InboundSourceList, await call('GET', '/api/admin/inbound-sources')),
    createInboundSource: async (body) => parse(IssuedInboundSource, await call('POST', '/api/admin/inbound-sources', body)),
    rotateInboundSource: async (id) =>
      parse(IssuedInboundSource, await call('POST', `/api/admin/inbound-sources/${encodeURIComponent(id)}/rotate`, {})),
    revokeInboundSource: async (id) => {
      await call('POST', `/api/admin/inbound-sources/${encodeURIComponent(id)}/revoke`, {});
    },
  };
}
