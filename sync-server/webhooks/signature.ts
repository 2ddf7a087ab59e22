// A webhook's signing secret and signatures. The secret is never stored: it is derived (HKDF) from
// the server's key-escrow secret, which lives outside the database (secrets/secrets.ts), and the
// webhook's own random nonce. A stolen database or backup so signs nothing; a rotation draws a new
// nonce; every instance sharing the database derives the same secret (they agree on their secrets).
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const newSecretNonce = () => randomBytes(16).toString('base64url');

/** `whsec_` and 43 base64url characters (256 bits). */
export function webhookSecret(serverKey: Buffer, webhookId: string, nonce: string): string {
  const derived = hkdfSync('sha256', serverKey, Buffer.from(nonce), Buffer.from(`baton webhook signing secret\n${webhookId}`), 32);
  return `whsec_${Buffer.from(derived).toString('base64url')}`;
}

/** The X-Baton-Signature header's value: HMAC-SHA256 of the raw body under the secret, as hex. */
export const signatureOf = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
