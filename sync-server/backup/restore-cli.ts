// `npm run restore -- FILE [--include-secrets]` (or `node dist/server/restore.js FILE`), with the
// server's BATON_DATA_DIR / BATON_DATABASE_URL / BATON_SECRETS_DIR, with every server stopped.
// Exit 0: restored (and described). Exit 2: nothing changed, with the reason.
import { parseArgs } from 'node:util';
import { storageLocationFromEnv } from '../secrets/data-location';
import { restoreBackup } from './restore';

const USAGE = 'usage: npm run restore -- FILE [--include-secrets]   (with the server stopped)';

async function main(): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      options: { 'include-secrets': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error(USAGE);
    const where = storageLocationFromEnv();
    const done = await restoreBackup(where, positionals[0], { includeSecrets: values['include-secrets'] });
    console.log(
      [
        `Restored ${positionals[0]} (made ${done.manifest.createdAt}) into ${where.label}`,
        `  database identity ${done.previousDatabaseId ?? '(none)'} -> ${done.databaseId}; sequence ${done.seq} goes on from ${done.resumeAt}`,
        done.keptAs ? `  the replaced database is kept as ${done.keptAs} (delete it once the restore is confirmed)` : undefined,
        done.secretsRestored.length
          ? `  secrets restored: ${done.secretsRestored.join(', ')}`
          : `  secrets: left as they are in ${where.secretsDir}`,
        `  audit log: head was ${done.previousAuditHead ? `entry ${done.previousAuditHead.id}` : 'unrecorded'}, now entry ${done.auditHead.id} (the restore itself); entries written after the backup are gone, and heads exported after it will show that`,
        '  Start the server: workstations start their sync over and upload what they hold that the backup lacks.',
      ]
        .filter((line) => line !== undefined)
        .join('\n'),
    );
    return 0;
  } catch (error) {
    console.error(`restore: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
