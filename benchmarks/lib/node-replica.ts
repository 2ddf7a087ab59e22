// A workstation replica in Node for the propagation workers: the renderer's database (memory
// storage) and replication client with plain fetch (the stream too). Unlike
// tests/support/node-workstation it has no network switch and does not re-read every pull answer
// to count it, so the CPU the 20 simulated workstations share goes to replication only.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom, filter } from 'rxjs';
import { newId } from '../../shared/ids';
import { openBatonDatabase, type BatonDatabase } from '../../renderer/db/database';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';
import { login } from './fixtures';

export interface NodeReplica {
  name: string;
  db: BatonDatabase;
  sync: SyncHandle;
  user: { id: string; displayName: string };
  close(): Promise<void>;
}

export async function openNodeReplica(serverUrl: string, username: string): Promise<NodeReplica> {
  const name = `ws-${newId().slice(0, 8)}`;
  const { token, user } = await login(serverUrl, username, name);
  const db = await openBatonDatabase({ userId: user.id, name, storage: getRxStorageMemory(), multiInstance: false });
  const sync = startSync(db, {
    serverUrl,
    getToken: () => token,
    retryTime: 200,
    waitForLeadership: false,
  });
  await firstValueFrom(sync.status$.pipe(filter((s) => s.connected)));
  await sync.awaitInSync();
  return {
    name,
    db,
    sync,
    user,
    close: async () => {
      await sync.stop();
      await db.close();
    },
  };
}
