// API keys of other systems: issued with a random secret kept only as its hash, proved on every
// call, scoped to locations and queues. A key files as its own actor ("key:<id>"), so the audit
// log and the task's history name it, and the tasks it filed are the ones it may read back.
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { formatApiKey, parseApiKey, type ApiKeySummary } from '../../shared/intake/api-keys';
import { newId } from '../../shared/ids';
import type { Actor } from '../auth/actor';
import { sameHash, sha256 } from '../auth/sessions';
import { HttpError } from '../errors/http-error';
import { intakeActor } from './intake-actor';
import type { ApiKeyRecord, Storage } from '../storage/types';

/** 256 bits, base64url: 43 characters. */
const newKeySecret = () => randomBytes(32).toString('base64url');

/** A new key (or, for a rotation, a new secret for the key `id`): the key to show once, and the hash to keep. */
export function issueApiKey(id = newId()): { id: string; key: string; secretHash: string } {
  const secret = newKeySecret();
  return { id, key: formatApiKey(id, secret), secretHash: sha256(secret) };
}

export const keyActorId = (keyId: string) => `key:${keyId}`;

/** Who a key files as: no roles (its scopes decide), the server's own rules for what it writes. */
export const keyActor = (key: ApiKeyRecord): Actor =>
  intakeActor({
    userId: keyActorId(key.id),
    workstationId: `api-key:${key.id}`,
    displayName: `API key “${key.name}”`,
    locationIds: key.scopes.locationIds,
  });

export const summaryOf = ({ secretHash: _secret, ...rest }: ApiKeyRecord): ApiKeySummary => rest;

/** The key a request carries in `Authorization: Bearer bk_…`, proved and live; 401 otherwise. */
export async function authenticateKey(request: FastifyRequest, storage: Storage): Promise<ApiKeyRecord> {
  const header = request.headers.authorization;
  const parsed = header?.startsWith('Bearer ') ? parseApiKey(header.slice(7)) : undefined;
  const refused = new HttpError(401, 'invalid_api_key', 'An API key is missing, unknown or revoked: Authorization: Bearer <key>');
  if (!parsed) throw refused;
  const key = await storage.getApiKey(parsed.id);
  // The same comparison whether the id exists or not.
  const ok = sameHash(sha256(parsed.secret), key?.secretHash ?? sha256(''));
  if (!key || !ok || key.revokedAt !== null) throw refused;
  return key;
}
