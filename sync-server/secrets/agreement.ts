// Several instances on one PostgreSQL database must hold the same secrets: a token signed by one is
// checked by another, a keyring escrowed by one is opened by another, and all append to one keyed
// audit chain. The secrets themselves never go into the database (whoever holds only the database
// must not be able to sign tokens or rewrite the chain), so the instances cannot agree on a secret
// through it; they agree on its fingerprint. The first instance records each secret's fingerprint
// (insert-if-absent); an instance that holds another secret refuses to start and says how to give
// every instance the same ones (one secrets folder or the same environment variables). Two instances
// started together on an empty database with folders of their own: one wins, the other stops.
import { createHash } from 'node:crypto';
import type { Storage } from '../storage/types';
import { readRetiredTokenKeys } from './token-keys';
import { SECRETS, type SecretName, type ServerSecrets } from './secrets';

/** A secret's public name: a domain-separated hash prefix, which says nothing of the secret. */
export const secretFingerprint = (name: SecretName, secret: Buffer) =>
  createHash('sha256').update(`baton secret fingerprint\n${name}\n`).update(secret).digest('hex').slice(0, 16);

export const fingerprintSetting = (name: SecretName) => `secret_fingerprint:${name}`;

class SecretsDisagree extends Error {}

/**
 * Records or checks each secret's fingerprint. A token key rotated on this instance (the recorded
 * one is among its retired keys) replaces the record; `acceptNew` (BATON_ACCEPT_NEW_SECRETS, for a
 * deliberate change made on every instance) replaces every record.
 */
export async function agreeOnSecrets(
  storage: Pick<Storage, 'claimSetting' | 'setSetting' | 'getSetting'>,
  secrets: ServerSecrets,
  acceptNew = false,
): Promise<void> {
  const problems: string[] = [];
  for (const name of Object.keys(SECRETS) as SecretName[]) {
    const mine = secretFingerprint(name, secrets[name]);
    // Once one secret differs this instance will not start: it only reads the other records. Were
    // it to claim them, two instances starting together could each win some and both refuse.
    const recorded =
      problems.length === 0
        ? await storage.claimSetting(fingerprintSetting(name), mine)
        : await storage.getSetting(fingerprintSetting(name));
    if (recorded === mine || recorded === undefined) continue;
    const rotatedHere =
      name === 'tokenSecret' && readRetiredTokenKeys(secrets.dir).some((k) => secretFingerprint(name, k.key) === recorded);
    if (acceptNew || rotatedHere) {
      await storage.setSetting(fingerprintSetting(name), mine);
      continue;
    }
    problems.push(`  ${SECRETS[name].env} / ${SECRETS[name].file}: this instance holds ${mine}, the database was started with ${recorded}`);
  }
  if (problems.length === 0) return;
  throw new SecretsDisagree(
    `This server's secrets differ from those another instance uses on this database:\n${problems.join('\n')}\n` +
      'Every instance on one database needs the same secrets: give them all one secrets folder (BATON_SECRETS_DIR)\n' +
      'or the same BATON_TOKEN_SECRET, BATON_KEY_ESCROW_SECRET, BATON_AUDIT_KEY and BATON_ATTACHMENT_KEY (copy them from the instance\n' +
      'that started first). If you changed a secret on purpose on every instance, start once with BATON_ACCEPT_NEW_SECRETS=1.',
  );
}
