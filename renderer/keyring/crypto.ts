// WebCrypto primitives of the keyring: a secret (password or PIN) wraps the database key through
// PBKDF2 → AES-GCM; the database key seals small values (the refresh token). GCM's tag makes a
// wrong secret fail to unwrap, which is how a PIN or password is checked offline.
import { z } from 'zod';
import { fromBase64, importPhiKey, toBase64 } from '../db/phi-cipher';

/** At least OWASP's old floor; a PIN is still only 4–8 digits, so the attempt limit matters more. */
export const MIN_ITERATIONS = 100_000;
export const DEFAULT_ITERATIONS = 210_000;

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .max(4096);

export const Wrapped = z.object({
  salt: b64,
  iv: b64,
  iterations: z.number().int().min(MIN_ITERATIONS).max(10_000_000),
  data: b64,
});
export type Wrapped = z.infer<typeof Wrapped>;

export const Sealed = z.object({ iv: b64, data: b64 });
export type Sealed = z.infer<typeof Sealed>;

const subtle = () => globalThis.crypto.subtle;
const enc = new TextEncoder();
const dec = new TextDecoder();

function random(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** A fresh 256-bit database key as 64 hex characters (what the RxDB encryption wrapper takes). */
export function newDatabaseKey(): string {
  return [...random(32)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function kek(secret: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', enc.encode(secret), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** `context` (user and secret kind) is authenticated, so a wrap cannot be moved to another slot. */
export async function wrapKey(dbKey: string, secret: string, context: string, iterations = DEFAULT_ITERATIONS): Promise<Wrapped> {
  const salt = random(16);
  const iv = random(12);
  const key = await kek(secret, salt, iterations);
  const data = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(context) }, key, enc.encode(dbKey));
  return { salt: toBase64(salt), iv: toBase64(iv), iterations, data: toBase64(new Uint8Array(data)) };
}

/** The database key, or null when the secret is wrong. */
export async function unwrapKey(wrapped: Wrapped, secret: string, context: string): Promise<string | null> {
  try {
    const key = await kek(secret, fromBase64(wrapped.salt), wrapped.iterations);
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64(wrapped.iv), additionalData: enc.encode(context) },
      key,
      fromBase64(wrapped.data),
    );
    return dec.decode(plain);
  } catch {
    return null;
  }
}

export async function seal(dbKey: string, value: string, context: string): Promise<Sealed> {
  const iv = random(12);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: enc.encode(context) },
    await importPhiKey(dbKey),
    enc.encode(value),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

export async function unseal(dbKey: string, sealed: Sealed, context: string): Promise<string | null> {
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: enc.encode(context) },
      await importPhiKey(dbKey),
      fromBase64(sealed.data),
    );
    return dec.decode(plain);
  } catch {
    return null;
  }
}
