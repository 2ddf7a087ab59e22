// API keys of other systems, written once for both adapters: the secret only as its hash, the
// scopes as JSON text read back through their schema.
import { ApiKeyScopes } from '../../../shared/intake/api-keys';
import type { ApiKeyRecord, Storage } from '../types';
import type { Connections } from './sql';

export type ApiKeyStorage = Pick<Storage, 'insertApiKey' | 'getApiKey' | 'listApiKeys' | 'rotateApiKey' | 'revokeApiKey' | 'touchApiKey'>;

interface ApiKeyRow {
  id: string;
  name: string;
  secret_hash: string;
  scopes: string;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  rotated_at: string | null;
  revoked_at: string | null;
}

const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  secretHash: row.secret_hash,
  scopes: ApiKeyScopes.parse(JSON.parse(row.scopes)),
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at ?? null,
  rotatedAt: row.rotated_at ?? null,
  revokedAt: row.revoked_at ?? null,
});

export function apiKeyStorage(db: Connections): ApiKeyStorage {
  const { read } = db;
  const t = db.dialect.byteOrder;
  const changed = (sql: string, params: unknown[]) => db.write(async (w) => (await w.run(sql, params)) === 1);
  return {
    insertApiKey: (key) =>
      db.write(async (w) => {
        await w.run('INSERT INTO api_keys (id, name, secret_hash, scopes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)', [
          key.id,
          key.name,
          key.secretHash,
          JSON.stringify(key.scopes),
          key.createdAt,
          key.createdBy,
        ]);
      }),
    getApiKey: async (id) => {
      const row = await read.get<ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?', [id]);
      return row && toApiKey(row);
    },
    listApiKeys: async () => (await read.all<ApiKeyRow>(`SELECT * FROM api_keys ORDER BY created_at${t}, id`)).map(toApiKey),
    rotateApiKey: (id, secretHash, at) =>
      changed('UPDATE api_keys SET secret_hash = ?, rotated_at = ? WHERE id = ? AND revoked_at IS NULL', [secretHash, at, id]),
    revokeApiKey: (id, at) => changed('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]),
    touchApiKey: (id, at) =>
      db.write(async (w) => {
        await w.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [at, id]);
      }),
  };
}
