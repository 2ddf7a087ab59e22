// `npm run secrets:rotate-token-key`: a new token-signing key in the secrets folder; the old one
// keeps verifying the tokens it signed until they expire. Restart the server (every instance
// sharing the folder) to sign with the new key; nobody is signed out.
import { storageLocationFromEnv } from './data-location';
import { rotateTokenKey } from './token-keys';

try {
  const where = storageLocationFromEnv();
  if (where.secretEnv.BATON_TOKEN_SECRET) {
    throw new Error('the token secret comes from BATON_TOKEN_SECRET: rotate it where that variable is set');
  }
  const { retired, current } = rotateTokenKey(where.secretsDir, Math.floor(Date.now() / 1000));
  console.log(
    `Token-signing key ${retired} retired, ${current} is new (in ${where.secretsDir}). Restart the server to sign with it; sessions stay signed in.`,
  );
} catch (error) {
  console.error(`secrets:rotate-token-key: ${(error as Error).message}`);
  process.exit(1);
}
