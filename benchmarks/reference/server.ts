// RxDB's reference replication server (rxdb/plugins/replication-websocket) with a server-side
// RxDB database on memory storage and Baton's own collection schemas, run as a child process
// (like the Baton server) by benchmarks/lib/reference.ts. Seeds the demo practice's configuration and tasks and, with
// BENCH_SEED_COUNT, that many bench tasks in the shape the Baton server stores them.
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { startWebsocketServer } from 'rxdb/plugins/replication-websocket';
import type { RxJsonSchema } from 'rxdb';
import { COLLECTION_NAMES } from '../../shared/collections';
import { replicaMigrations } from '../../shared/rx-migrations';
import * as schemas from '../../shared/rx-schemas';
import { demoConfigDocs } from '../../shared/config/demo';
import { demoTasks } from '../../sync-server/seed/demo';
import { stampedBenchTask } from '../lib/fixtures';

const port = Number(process.env.BENCH_PORT);
const seedCount = Number(process.env.BENCH_SEED_COUNT ?? 0);

// The schemas past version 0 come with their migration strategies, which need this plugin.
addRxPlugin(RxDBMigrationSchemaPlugin);
const db = await createRxDatabase({ name: 'reference', storage: getRxStorageMemory(), multiInstance: false });
// The replica's own schemas, one per replicated collection (each schema's title is its collection).
const byTitle = new Map(
  Object.values(schemas as Record<string, unknown>)
    .filter((s): s is RxJsonSchema<unknown> => typeof s === 'object' && s !== null && 'primaryKey' in s)
    .map((s) => [s.title, s]),
);
await db.addCollections(
  Object.fromEntries(COLLECTION_NAMES.map((name) => [name, { schema: byTitle.get(name)!, migrationStrategies: replicaMigrations[name] }])),
);
// The demo practice's configuration, as the Baton server seeds it (a board needs it to be usable).
await db.config.bulkInsert(demoConfigDocs('loc-main', (username) => `u-${username}`).map((doc, i) => ({ ...doc, rev: i + 1 })));
await db.tasks.bulkInsert(demoTasks().map((task, i) => ({ ...task, rev: i + 1 })));
// Bench tasks are numbered after the 40 demo tasks, like the Baton server's seq.
const now = Date.now();
for (let from = 0; from < seedCount; from += 5000) {
  const docs = Array.from({ length: Math.min(5000, seedCount - from) }, (_, k) => stampedBenchTask(from + k, 41 + from + k, now));
  const result = await db.tasks.bulkInsert(docs);
  if (result.error.length) throw new Error(`reference seed: ${result.error.length} errors`);
}
const server = startWebsocketServer({ database: db, port, host: '127.0.0.1' });
await new Promise<void>((resolve) => server.server.on('listening', () => resolve()));
console.log(`reference server listening on ws://127.0.0.1:${port} (${seedCount + 40} tasks)`);

const shutdown = async () => {
  await server.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
