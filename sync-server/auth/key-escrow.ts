// The workstation keyring's escrow: the login answer carries keySecret = HMAC-SHA256(server secret,
// userId), with which the keyring also wraps the person's database key. After an admin resets the
// password, the old password wrap no longer opens, but keySecret (given only after a successful
// online sign-in) does, so the local replica and its unsent changes survive. The server secret is
// the key-escrow secret of the secrets folder (secrets/secrets.ts).
import { createHmac } from 'node:crypto';

export function keySecretFor(escrowSecret: Buffer, userId: string): string {
  return createHmac('sha256', escrowSecret).update(userId).digest('hex');
}
