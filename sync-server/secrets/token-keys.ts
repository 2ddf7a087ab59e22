// Rotating the token-signing key without signing anyone out: the new key signs from the next
// start; a retired key still verifies the tokens it signed before it was retired, which expire
// within their lifetime (at most 7 days), after which the next rotation drops it.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { readSecretFile, replaceSecretFile, SECRETS, SECRET_HEX } from './secrets';

export const RETIRED_TOKEN_KEYS_FILE = 'token-secret.retired.json';
/** The longest an access token can live (config.ts bounds BATON_TOKEN_TTL_SECONDS to it). */
const MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

export interface RetiredTokenKey {
  key: Buffer;
  /** Epoch seconds: tokens it signed after this are refused. */
  retiredAt: number;
}

const RetiredFile = z.array(z.object({ key: z.string().regex(SECRET_HEX), retiredAt: z.number().int().nonnegative() }));

/** A key's public name (the JWT `kid`): a hash prefix, which says nothing of the key. */
export const tokenKeyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

export function readRetiredTokenKeys(dir: string): RetiredTokenKey[] {
  const text = readSecretFile(dir, RETIRED_TOKEN_KEYS_FILE);
  if (text === undefined) return [];
  const parsed = RetiredFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${RETIRED_TOKEN_KEYS_FILE} in ${dir} is not a list of {key, retiredAt}`);
  return parsed.data.map((k) => ({ key: Buffer.from(k.key, 'hex'), retiredAt: k.retiredAt }));
}

/**
 * Retires the current key (kept for the tokens it signed) and writes a new one; retired keys whose
 * every token has expired are dropped. Takes effect when the server (each instance) restarts.
 */
export function rotateTokenKey(dir: string, nowSeconds: number): { retired: string; current: string } {
  const currentHex = readSecretFile(dir, SECRETS.tokenSecret.file);
  if (currentHex === undefined) throw new Error(`no ${SECRETS.tokenSecret.file} in ${dir}: start the server once first`);
  const kept = readRetiredTokenKeys(dir).filter((k) => k.retiredAt + MAX_TOKEN_LIFETIME_SECONDS > nowSeconds);
  const retired = [...kept, { key: Buffer.from(currentHex, 'hex'), retiredAt: nowSeconds }];
  replaceSecretFile(
    dir,
    RETIRED_TOKEN_KEYS_FILE,
    `${JSON.stringify(retired.map((k) => ({ key: k.key.toString('hex'), retiredAt: k.retiredAt })))}\n`,
  );
  const next = randomBytes(32);
  replaceSecretFile(dir, SECRETS.tokenSecret.file, `${next.toString('hex')}\n`);
  return { retired: tokenKeyId(Buffer.from(currentHex, 'hex')), current: tokenKeyId(next) };
}
