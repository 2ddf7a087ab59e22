// A signed-in user's workspace: their local replica and its replication to the server.
import type { PublicUser } from '../../shared/wire';
import { forgetKeptDocuments } from '../db/attachment-cache';
import { openBatonDatabase, removeBatonDatabase, type BatonDatabase } from '../db/database';
import { startSync, type SyncHandle } from '../sync/replication';

export interface Session {
  token: string;
  /** Renews `token` when the server issues short-lived access tokens. */
  refreshToken?: string;
  user: PublicUser;
}

export interface Workspace {
  db: BatonDatabase;
  sync: SyncHandle;
  close(): Promise<void>;
}

export interface WorkspaceOptions {
  serverUrl: string;
  getToken: () => string;
  onUnauthorized: () => void;
  /** The server changed the person's roles or locations: re-read who they are. */
  onScopeChange?: () => void;
  /** The person's database key from the keyring (hex): PHI fields are encrypted at rest with it. */
  encryptionKey?: string;
  /** The key was replaced (password changed elsewhere): the old replica cannot be opened, start a new one. */
  replaceReplica?: boolean;
}

export async function openWorkspace(session: Session, options: WorkspaceOptions): Promise<Workspace> {
  // removeBatonDatabase, not removeRxDatabase on plain Dexie: that refuses an encrypted replica (UT6).
  if (options.replaceReplica) {
    await removeBatonDatabase({ userId: session.user.id }).catch(() => undefined);
    // Sealed with the old key too: unreadable now.
    await forgetKeptDocuments(session.user.id).catch(() => undefined);
  }
  const db = await openBatonDatabase({ userId: session.user.id, encryptionKey: options.encryptionKey });
  const sync = startSync(db, {
    serverUrl: options.serverUrl,
    getToken: options.getToken,
    onUnauthorized: options.onUnauthorized,
    onScopeChange: options.onScopeChange,
  });
  return {
    db,
    sync,
    async close() {
      await sync.stop().catch(() => undefined);
      await db.close();
    },
  };
}

const DEMO_LOCATION_ID = 'loc-main';

/** Where the person works now: the workstation's configured location, else their first one. */
export function locationOf(user: PublicUser, workstationLocationId?: string | null): string {
  return workstationLocationId ?? user.locationIds?.[0] ?? DEMO_LOCATION_ID;
}
