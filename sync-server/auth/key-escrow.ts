// The workstation keyring's escrow: the login answer carries keySecret = HMAC-SHA256(server secret,
// userId), with which the keyring also wraps the person's database key. After an admin resets the
// password, the old password wrap no longer opens, but keySecret (given only after a successful
// online sign-in) does, so the local replica and its unsent changes survive.
import { createHmac, randomBytes } from 'node:crypto';
import type { Storage } from '../storage/types';

const SETTING = 'key_escrow_secret';

export async function keySecretFor(storage: Storage, userId: string): Promise<string> {
  let secret = await storage.getSetting(SETTING);
  if (!secret) {
    await storage.setSetting(SETTING, randomBytes(32).toString('hex'));
    // Read back: with several instances starting at once, the stored one wins for everyone.
    secret = (await storage.getSetting(SETTING))!;
  }
  return createHmac('sha256', Buffer.from(secret, 'hex')).update(userId).digest('hex');
}
