// A signed-in user's workspace: their local replica and its replication to the server.
import type { PublicUser } from '../../shared/wire';
import { openBatonDatabase, type BatonDatabase } from '../db/database';
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
}

export async function openWorkspace(session: Session, options: WorkspaceOptions): Promise<Workspace> {
  const db = await openBatonDatabase({ userId: session.user.id });
  const sync = startSync(db, {
    serverUrl: options.serverUrl,
    getToken: options.getToken,
    onUnauthorized: options.onUnauthorized,
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

export const DEMO_LOCATION_ID = 'loc-main';

export function locationOf(user: PublicUser): string {
  return user.locationIds?.[0] ?? DEMO_LOCATION_ID;
}
