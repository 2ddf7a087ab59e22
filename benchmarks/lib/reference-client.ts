// A Baton replica replicating with RxDB's websocket reference server instead of the Baton server:
// the same database and collections, RxDB's own client (replicateWithWebsocketServer).
import { replicateWithWebsocketServer } from 'rxdb/plugins/replication-websocket';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTION_NAMES } from '../../shared/collections';
import type { BatonDatabase } from '../../renderer/db/database';

export interface ReferenceSync {
  replications: RxReplicationState<unknown, unknown>[];
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReferenceSync(db: BatonDatabase, url: string, batchSize: number): Promise<ReferenceSync> {
  const replications = await Promise.all(
    COLLECTION_NAMES.map((name) =>
      replicateWithWebsocketServer<unknown, unknown>({
        collection: db[name] as never,
        replicationIdentifier: `reference-${name}-${url}`,
        url,
        batchSize,
        live: true,
      }),
    ),
  );
  return {
    replications,
    awaitInSync: async () => {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    stop: async () => {
      await Promise.all(replications.map((r) => r.cancel()));
    },
  };
}
