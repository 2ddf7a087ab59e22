// AES-GCM with WebCrypto (native, async) for the replica's PHI fields: one sealed blob per document.
import { z } from 'zod';

/** The per-user key as the keyring hands it over: 128, 192 or 256 bits in hex. */
export const EncryptionKeyHex = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{48}|[0-9a-fA-F]{64})$/, 'encryption key must be 32, 48 or 64 hex digits');

/** Thrown when a sealed blob does not open: wrong key, or the stored record was altered. */
export class ReplicaKeyError extends Error {
  constructor(message = 'The local replica cannot be decrypted with this key') {
    super(message);
    this.name = 'ReplicaKeyError';
  }
}

/** The stored field holding a document's sealed blob in place of its encrypted fields (encrypted-storage.ts). */
export const SEALED_FIELD = 'sealed';

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function importPhiKey(hex: string): Promise<CryptoKey> {
  const valid = EncryptionKeyHex.parse(hex);
  // WebCrypto exists only in a secure context: https, loopback or the desktop app's baton:// origin.
  if (!globalThis.crypto?.subtle) throw new ReplicaKeyError('Encryption needs a secure context (https)');
  const bytes = new Uint8Array(valid.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(valid.slice(i * 2, i * 2 + 2), 16);
  // Not extractable: the raw key stays out of reach of page scripts once imported.
  return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

// Native base64 (Chromium 140+) is two orders of magnitude faster than btoa over a binary string,
// which cost as much as the encryption itself; Node 20 (unit tests) takes the fallback.
type NativeBase64 = { toBase64?: () => string };
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64?.bind(Uint8Array);

export function toBase64(bytes: Uint8Array): string {
  if ((bytes as NativeBase64).toBase64) return (bytes as NativeBase64).toBase64!();
  let binary = '';
  // Chunks keep String.fromCharCode's argument count under the engine's limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * `doc` without the `fields` it has, and those fields' values (none when it has none of them): what
 * a stored document keeps in the clear and what goes into its sealed blob.
 */
export function splitPhi(
  doc: Record<string, unknown>,
  fields: readonly string[],
): { clear: Record<string, unknown>; phi?: Record<string, unknown> } {
  const clear = { ...doc };
  let phi: Record<string, unknown> | undefined;
  for (const field of fields) {
    if (!(field in clear)) continue;
    (phi ??= {})[field] = clear[field];
    delete clear[field];
  }
  return phi ? { clear, phi } : { clear };
}

/**
 * Seals `value` (JSON) as base64(iv ‖ ciphertext ‖ tag). `boundTo` (the document's primary key) is
 * authenticated data: a blob copied onto another document does not open there.
 */
export async function seal(key: CryptoKey, value: unknown, boundTo: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = encoder.encode(JSON.stringify(value));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) }, key, plain);
  const out = new Uint8Array(IV_BYTES + cipher.byteLength);
  out.set(iv);
  out.set(new Uint8Array(cipher), IV_BYTES);
  return toBase64(out);
}

export async function open(key: CryptoKey, sealed: string, boundTo: string): Promise<unknown> {
  const bytes = fromBase64(sealed);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(boundTo) },
      key,
      bytes.subarray(IV_BYTES),
    );
  } catch {
    throw new ReplicaKeyError();
  }
  return JSON.parse(decoder.decode(plain));
}

/** Seals raw bytes (a document kept for offline use) as iv ‖ ciphertext ‖ tag, bound to `boundTo` like seal(). */
export async function sealBytes(key: CryptoKey, bytes: Uint8Array<ArrayBuffer>, boundTo: string): Promise<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) }, key, bytes);
  const out = new Uint8Array(IV_BYTES + cipher.byteLength);
  out.set(iv);
  out.set(new Uint8Array(cipher), IV_BYTES);
  return out.buffer;
}

export async function openBytes(key: CryptoKey, sealed: ArrayBuffer, boundTo: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(sealed);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(boundTo) },
      key,
      bytes.subarray(IV_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    throw new ReplicaKeyError();
  }
}
