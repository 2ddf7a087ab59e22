// `npm run backup -- --out FILE [--include-secrets]` (or `node dist/server/backup.js`), with the
// server's BATON_DATA_DIR / BATON_DATABASE_URL / BATON_SECRETS_DIR, while the server runs.
// Exit 0: written (and described). Exit 2: nothing written, with the reason.
import { parseArgs } from 'node:util';
import { storageLocationFromEnv } from '../secrets/data-location';
import { makeBackup } from './backup';

const USAGE = 'usage: npm run backup -- --out FILE [--include-secrets]';

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, 'include-secrets': { type: 'boolean' } }, strict: true });
    if (!values.out) throw new Error(USAGE);
    const where = storageLocationFromEnv();
    const manifest = await makeBackup(where, values.out, { includeSecrets: values['include-secrets'] });
    const bytes = manifest.parts.reduce((sum, p) => sum + p.bytes, 0);
    const secrets = manifest.parts.filter((p) => p.name.startsWith('secrets/')).map((p) => p.name.slice(8));
    console.log(
      [
        `Backup written to ${values.out}`,
        `  database: ${where.label} (${manifest.kind}), identity ${manifest.databaseId ?? '(none)'}, seq ${manifest.seq}, schema ${manifest.schemaVersion}, ${bytes} bytes`,
        secrets.length
          ? `  secrets: INCLUDED (${secrets.join(', ')}): this file now opens every sign-in and escrowed key; store it like the secrets folder`
          : `  secrets: not included; back up ${where.secretsDir} separately (a restore needs it)`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    console.error(`backup: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
