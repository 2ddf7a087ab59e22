// What the fuzzer knows of each endpoint of the sync server: a valid body (or query) to mutate, and
// how to call it. The routes themselves come from the server (routes.ts); a route missing here is
// still fuzzed, with hostile bodies only, and endpoints.test.ts fails until it is added.
import { COLLECTION_NAMES } from '../../shared/collections';
import { demoTasks } from '../../sync-server/seed/demo';
import type { Random } from '../../shared/prng';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Endpoint {
  method: Method;
  /** As registered, with :params. */
  path: string;
  /** A valid body (or query for GETs) that the fuzzer mutates. */
  valid?: (random: Random) => unknown;
  /** A valid token would end its own session (sign-out): only hostile tokens are sent. */
  endsSession?: boolean;
  /** Answers with an event stream that stays open: the fuzzer waits for the head only. */
  stream?: boolean;
}

const task = (random: Random) => ({ ...demoTasks()[0], id: `fuzz-${random.int(0, 1e9)}`, _deleted: false });

export const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/ready' },
  { method: 'GET', path: '/metrics' },
  {
    method: 'POST',
    path: '/api/auth/login',
    valid: () => ({ username: 'frontdesk', password: 'wrong-password', workstationId: 'ws-fuzz' }),
  },
  { method: 'POST', path: '/api/auth/refresh', valid: () => ({ refreshToken: 'x'.repeat(40) }) },
  { method: 'GET', path: '/api/auth/me' },
  { method: 'POST', path: '/api/auth/logout', valid: () => ({ refreshToken: 'x'.repeat(40) }), endsSession: true },
  {
    method: 'POST',
    path: '/api/auth/password',
    valid: () => ({ currentPassword: 'not-the-password', newPassword: 'a-new-password-long-enough' }),
  },
  { method: 'POST', path: '/api/auth/lock', valid: () => ({ reason: 'manual' }) },
  { method: 'POST', path: '/api/auth/unlock', valid: () => ({ method: 'pin' }) },
  { method: 'POST', path: '/api/workstations/enroll', valid: () => ({ code: 'ABCD-EFGH-IJKL', name: 'Front desk 2' }) },
  { method: 'GET', path: '/api/admin/audit.csv', valid: () => ({ from: '2026-01-01', to: '2026-01-02' }) },
  { method: 'GET', path: '/api/admin/sessions' },
  { method: 'POST', path: '/api/admin/sessions/:id/revoke' },
  { method: 'GET', path: '/api/admin/users' },
  {
    method: 'POST',
    path: '/api/admin/users',
    valid: (random) => ({
      username: `fuzz${random.int(0, 1e9)}`,
      displayName: 'Fuzz Person',
      roles: ['front_desk'],
      locationIds: ['loc-main'],
      password: 'a-long-enough-password',
    }),
  },
  { method: 'POST', path: '/api/admin/users/:id/password', valid: () => ({ password: 'a-long-enough-password' }) },
  { method: 'POST', path: '/api/admin/users/:id/deactivate' },
  { method: 'POST', path: '/api/admin/users/:id/activate' },
  { method: 'PATCH', path: '/api/admin/users/:id', valid: () => ({ roles: ['billing'] }) },
  { method: 'POST', path: '/api/admin/enrollment-codes', valid: () => ({ locationId: 'loc-main' }) },
  {
    method: 'POST',
    path: '/api/admin/enrollment-tokens',
    valid: (random) => ({ locationId: 'loc-main', maxUses: random.int(1, 50), expiresInDays: random.int(1, 30) }),
  },
  { method: 'GET', path: '/api/admin/workstations' },
  { method: 'GET', path: '/updates/:channel/:file' },
  { method: 'GET', path: '/api/admin/update-policy/:id' },
  {
    method: 'PUT',
    path: '/api/admin/update-policy/:id',
    valid: (random) => ({ channel: 'stable', version: null, rolloutPercent: random.int(0, 100) }),
  },
  { method: 'POST', path: '/api/admin/workstations/:id/revoke' },
  { method: 'POST', path: '/api/workstations/status', valid: () => ({ workstationId: 'ws-fuzz', workstationSecret: 'not-the-secret' }) },
  { method: 'GET', path: '/api/sync/:collection/pull', valid: () => ({ limit: '10' }) },
  {
    method: 'POST',
    path: '/api/sync/:collection/push',
    valid: (random) => [{ newDocumentState: task(random) }, { assumedMasterState: task(random), newDocumentState: task(random) }],
  },
  { method: 'GET', path: '/api/sync/stream', stream: true },
  { method: 'GET', path: '/api/reports/sla' },
  {
    method: 'POST',
    path: '/api/admin/api-keys',
    valid: (random) => ({
      name: `Fuzz ${random.int(0, 1e9)}`,
      scopes: { locationIds: ['loc-main'], queues: ['front_desk'], readStatus: true },
    }),
  },
  { method: 'GET', path: '/api/admin/api-keys' },
  { method: 'POST', path: '/api/admin/api-keys/:id/rotate' },
  { method: 'POST', path: '/api/admin/api-keys/:id/revoke' },
  {
    method: 'POST',
    path: '/api/admin/webhooks',
    // Escalations only (the fuzzer's server runs no SLA automation): its many webhooks send nothing.
    valid: (random) => ({ url: `http://127.0.0.1:9/fuzz-${random.int(0, 1e9)}`, events: ['task.escalated'] }),
  },
  { method: 'GET', path: '/api/admin/webhooks' },
  { method: 'POST', path: '/api/admin/webhooks/:id/rotate' },
  { method: 'POST', path: '/api/admin/webhooks/:id/disable' },
  { method: 'POST', path: '/api/admin/webhooks/:id/delete' },
  { method: 'GET', path: '/api/admin/webhooks/:id/deliveries' },
  // A key's routes: the fuzzer's session tokens are not keys, so these answer 401 before the body is read.
  {
    method: 'POST',
    path: '/api/intake/tasks',
    valid: (random) => ({ locationId: 'loc-main', typeId: 'general', title: 'Fuzz request', externalId: `fuzz-${random.int(0, 1e9)}` }),
  },
  { method: 'GET', path: '/api/intake/tasks/:id' },
  // The patient request page and its status link (no session): pages, form posts and their JSON twins.
  { method: 'GET', path: '/request/assets/request.css' },
  { method: 'GET', path: '/request/:locationId', valid: () => ({ type: 'refill' }) },
  {
    method: 'POST',
    path: '/request/:locationId',
    valid: () => ({ typeId: 'refill', formToken: `${Date.now() - 10_000}.${'A'.repeat(43)}`, contact: '555-201-0142', text: 'Fuzz' }),
  },
  { method: 'GET', path: '/request/status/:token' },
  { method: 'POST', path: '/request/status/:token', valid: () => ({ formToken: 'x', answer: 'Fuzz answer' }) },
  {
    method: 'POST',
    path: '/api/intake/requests',
    valid: (random) => ({
      locationId: 'loc-main',
      typeId: 'refill',
      contact: '555-201-0142',
      text: `Fuzz request ${random.int(0, 1e9)}`,
      fields: { name: 'Fuzz Tester', dob: '1970-01-01', medication: 'Fuzzamine 1 mg' },
    }),
  },
  { method: 'GET', path: '/api/intake/status/:token' },
  {
    method: 'POST',
    path: '/api/admin/inbound-sources',
    valid: (random) => ({ name: `Fuzz fax ${random.int(0, 1e9)}`, kind: 'fax', locationId: 'loc-main', typeId: 'general' }),
  },
  { method: 'GET', path: '/api/admin/inbound-sources' },
  { method: 'POST', path: '/api/admin/inbound-sources/:id/rotate' },
  { method: 'POST', path: '/api/admin/inbound-sources/:id/revoke' },
  // Signed with a source's secret, which the fuzzer does not hold: these answer 401 before the body is read.
  {
    method: 'POST',
    path: '/api/intake/inbound/:sourceId',
    valid: (random) => ({ sender: '+15550100', subject: 'Fuzz fax', text: 'x', messageId: `fuzz-${random.int(0, 1e9)}` }),
  },
  // A task's documents: the upload takes multipart only (a JSON body gets 415), hostile bodies are its test.
  { method: 'POST', path: '/api/tasks/:taskId/attachments' },
  { method: 'GET', path: '/api/tasks/:taskId/attachments/:attachmentId', valid: () => ({ purpose: 'view' }) },
  {
    method: 'POST',
    path: '/api/tasks/:taskId/attachments/:attachmentId/offline-views',
    valid: (random) => ({ views: [{ viewId: `fuzz-view-${random.int(0, 1e9)}`, viewedAt: new Date().toISOString() }] }),
  },
  { method: 'GET', path: '/api/reports/kpis', valid: () => ({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' }) },
];

/** The fuzzer's targets: each route the server registers, with what this file knows of it. */
export function endpointsOf(routes: readonly string[]): Endpoint[] {
  return routes.map((route) => {
    const [method, path] = route.split(' ') as [Method, string];
    return ENDPOINTS.find((e) => e.method === method && e.path === path) ?? { method, path };
  });
}

/** Real collection names, for :collection (the fuzzer also sends hostile ones). */
export const COLLECTIONS: readonly string[] = COLLECTION_NAMES;
