// `npm run server`: the sync server alone, configured by BATON_* environment variables.
import { createServer } from './app';
import { loadConfig } from './config';
import { holdPidFile } from './backup/server-lock';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const server = await createServer(config);
  let address: string;
  try {
    address = await server.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await server.close();
    if ((error as { code?: string }).code === 'EADDRINUSE')
      throw new Error(`port ${config.port} is already in use (set BATON_PORT)`, { cause: error });
    throw error;
  }
  // `npm run restore` refuses while this file names a live process.
  const releasePidFile = holdPidFile(config.dataDir);
  const storageLabel = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  console.log(`Baton sync server listening on ${address.replace('[::1]', 'localhost')} (${storageLabel})`);
  const shutdown = async () => {
    await server.close();
    releasePidFile();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error) => {
  console.error(`Baton sync server failed to start: ${(error as Error).message}`);
  process.exit(1);
});
