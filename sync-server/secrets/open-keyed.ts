// The server's storage with its secrets: opened, secrets loaded (moved out of the settings table
// when an older data folder still has them there) and the audit chain keyed. The server and
// `npm run admin:create` open their data this way, so both append HMAC-linked entries.
import { openStorage } from '../storage/open';
import type { Storage } from '../storage/types';
import { agreeOnSecrets } from './agreement';
import { keyAuditChain } from './audit-head';
import { loadSecrets, type ServerSecrets } from './secrets';

export interface KeyedLocation {
  dataDir: string;
  databaseUrl?: string;
  secretsDir: string;
  /** BATON_TOKEN_SECRET, BATON_KEY_ESCROW_SECRET, BATON_AUDIT_KEY when given. */
  secretEnv: Partial<Record<string, string>>;
  /** BATON_ACCEPT_NEW_SECRETS: record this instance's secrets as the database's (a deliberate change). */
  acceptNewSecrets?: boolean;
}

export async function openKeyedStorage(where: KeyedLocation): Promise<{ storage: Storage; secrets: ServerSecrets }> {
  const storage = await openStorage(where);
  try {
    const secrets = await loadSecrets(storage, where.secretsDir, where.secretEnv);
    // Only PostgreSQL is shared by several instances; SQLite's file belongs to one process.
    if (storage.kind === 'postgres') await agreeOnSecrets(storage, secrets, where.acceptNewSecrets);
    const headRecorded = await keyAuditChain(storage, secrets);
    const close = storage.close;
    // The head file is written after each commit, in the background: closing waits for the last.
    return { storage: { ...storage, close: async () => (await headRecorded(), close()) }, secrets };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
