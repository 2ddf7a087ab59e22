// The wire contract of API keys for other systems (a scheduling system, a form builder): an admin
// creates a key with scopes, sees when it was last used, rotates and revokes it; a key files
// triage tasks (intake-task.ts) into the locations and queues its scopes name.
import { z } from 'zod';

const configKey = z.string().trim().min(1).max(64);

export const ApiKeyScopes = z.strictObject({
  /** The locations the key may file into (at least one). */
  locationIds: z.array(configKey).min(1).max(50),
  /** The queues it may file into (at least one); a task type's own queue must be one of them. */
  queues: z.array(configKey).min(1).max(50),
  /** Whether it may read the status of the tasks it filed (never anything else about them). */
  readStatus: z.boolean(),
});
export type ApiKeyScopes = z.infer<typeof ApiKeyScopes>;

export const CreateApiKeyRequest = z.strictObject({
  /** What the key is for ("Scheduling system: missed appointments"). */
  name: z.string().trim().min(1).max(80),
  scopes: ApiKeyScopes,
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** A key as the admin's list shows it: never the secret, nor its hash. */
export const ApiKeySummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  scopes: ApiKeyScopes,
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof ApiKeySummary>;
export const ApiKeyList = z.array(ApiKeySummary);

/** Creating or rotating a key: the key itself, shown this once (the server keeps only its hash). */
export const IssuedApiKey = z.strictObject({ key: z.string(), apiKey: ApiKeySummary });
export type IssuedApiKey = z.infer<typeof IssuedApiKey>;

/** `bk_<id>_<secret>`: the id finds the key, the secret proves it. */
const KEY_FORMAT = /^bk_([A-Za-z0-9-]{1,64})_([A-Za-z0-9_-]{43})$/;

export function parseApiKey(key: string): { id: string; secret: string } | undefined {
  const match = KEY_FORMAT.exec(key.trim());
  return match ? { id: match[1], secret: match[2] } : undefined;
}

export const formatApiKey = (id: string, secret: string) => `bk_${id}_${secret}`;
