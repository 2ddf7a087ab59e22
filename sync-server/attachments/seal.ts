// Documents at rest: AES-256-GCM under a key derived from the server's attachment secret (kept
// apart from the database, secrets/secrets.ts), so whoever holds only the database reads no
// document. The sealed form describes itself: a version byte, the 12-byte IV, the 16-byte tag, the
// ciphertext. The task and attachment ids are bound in as associated data: a sealed document copied
// onto another row does not open there.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** The AES key for documents, derived from the secret (the secret itself keys nothing else directly). */
export const attachmentCipherKey = (secret: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'baton attachments v1', 32));

const boundTo = (taskId: string, attachmentId: string) => Buffer.from(`baton attachment\n${taskId}\n${attachmentId}`, 'utf8');

export function sealAttachment(key: Buffer, taskId: string, attachmentId: string, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(boundTo(taskId, attachmentId));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** The document; throws when the sealed bytes were changed, moved or sealed under another key. */
export function openAttachment(key: Buffer, taskId: string, attachmentId: string, sealed: Buffer): Buffer {
  if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) throw new Error('Not a sealed document of a known version');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(boundTo(taskId, attachmentId));
  decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
}
