// `npm run admin:create -- --username it.admin --name "IT Admin" --location loc-main [--password-stdin]`
// Adds an administrator to the server's data, found the way the server finds it (BATON_DATABASE_URL
// for PostgreSQL, else the SQLite file in BATON_DATA_DIR). The password comes from
// BATON_ADMIN_PASSWORD, or stdin with --password-stdin, or is generated and printed once.
// Exit 0: created. Exit 1: refused (bad arguments, a taken username). Exit 2: no database.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { storageLocationFromEnv } from '../secrets/data-location';
import { openKeyedStorage } from '../secrets/open-keyed';
import type { Storage } from '../storage/types';
import { createAdmin } from './create-admin';
import { UsernameTakenError } from './users';

const USAGE =
  'usage: npm run admin:create -- --username NAME --name "Display Name" --location LOCATION_ID [--location …] [--password-stdin]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        location: { type: 'string', multiple: true },
        'password-stdin': { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`admin:create: ${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!args.username || !args.name || !args.location?.length) {
    console.error(`admin:create: --username, --name and --location are required\n${USAGE}`);
    return 1;
  }
  const password = args['password-stdin'] ? await readStdin() : process.env.BATON_ADMIN_PASSWORD || undefined;

  let storage: Storage;
  let label: string;
  try {
    const where = storageLocationFromEnv();
    ({ storage } = await openKeyedStorage(where));
    label = where.label;
  } catch (error) {
    console.error(`admin:create: could not open the database: ${(error as Error).message}`);
    return 2;
  }
  try {
    const { user, generatedPassword } = await createAdmin(storage, {
      username: args.username,
      displayName: args.name,
      locationIds: args.location,
      password,
    });
    console.log(`Created administrator ${user.username} (${user.id}) for ${user.locationIds.join(', ')} in ${label}.`);
    if (generatedPassword) console.log(`Temporary password (shown once, hand it over privately): ${generatedPassword}`);
    return 0;
  } catch (error) {
    if (error instanceof UsernameTakenError) console.error(`admin:create: ${error.message}; nothing was changed`);
    else if (error instanceof ZodError)
      console.error(`admin:create: ${error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    else console.error(`admin:create: ${(error as Error).message}`);
    return 1;
  } finally {
    await storage.close();
  }
}

process.exitCode = await main();
