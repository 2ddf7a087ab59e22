// `npm run enrollment:token -- --location loc-main --uses 20 --days 7`
// Issues a location's enrollment token on the server machine, with the server's own data settings
// (BATON_DATABASE_URL, else BATON_DATA_DIR), for a server that requires enrollment from day one:
// no admin can sign in before a workstation is enrolled, so the first token comes from here.
// Prints the token once. Exit 0: issued. Exit 1: bad arguments. Exit 2: no database.
import { parseArgs } from 'node:util';
import { EnrollmentTokenRequest } from '../../shared/workstation-admin';
import { recordAudit } from '../audit/record';
import { issueEnrollmentToken } from '../auth/enrollment';
import { openKeyedStorage } from '../secrets/open-keyed';
import { storageLocationFromEnv } from '../secrets/data-location';
import type { Storage } from '../storage/types';

const USAGE = 'usage: npm run enrollment:token -- --location LOCATION_ID --uses N --days D';

async function main(): Promise<number> {
  let request;
  try {
    const { values } = parseArgs({
      options: { location: { type: 'string' }, uses: { type: 'string' }, days: { type: 'string' } },
      strict: true,
    });
    request = EnrollmentTokenRequest.parse({
      locationId: values.location,
      maxUses: Number(values.uses),
      expiresInDays: Number(values.days),
    });
  } catch (error) {
    const message =
      error instanceof Error && 'issues' in error ? 'give --location, --uses (1-10000) and --days (1-90)' : (error as Error).message;
    console.error(`enrollment:token: ${message}\n${USAGE}`);
    return 1;
  }
  let storage: Storage;
  try {
    ({ storage } = await openKeyedStorage(storageLocationFromEnv()));
  } catch (error) {
    console.error(`enrollment:token: could not open the database: ${(error as Error).message}`);
    return 2;
  }
  try {
    const { token, expiresAt } = await issueEnrollmentToken(storage, request, '');
    await recordAudit(storage, {
      actorId: '',
      workstationId: 'admin-cli',
      action: 'enrollment_token_issued',
      docId: '',
      after: { locationId: request.locationId, maxUses: request.maxUses, expiresAt },
    });
    console.log(`Enrollment token for ${request.locationId}, ${request.maxUses} workstation(s), valid until ${expiresAt} (shown once):`);
    console.log(token);
    return 0;
  } finally {
    await storage.close();
  }
}

process.exitCode = await main();
